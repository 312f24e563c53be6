#pragma once
// Aligned text tables for the operator commands (status, report): every column padded to its
// widest cell, two spaces between columns, no trailing blanks.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace proofgrid::ops {

template <std::size_t N>
std::string aligned_table(const std::vector<std::array<std::string, N>>& rows) {
  std::array<std::size_t, N> width{};
  for (const auto& row : rows)
    for (std::size_t c = 0; c < N; ++c) width[c] = std::max(width[c], row[c].size());
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < N; ++c) line += row[c] + std::string(width[c] - row[c].size() + 2, ' ');
    out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
  }
  return out;
}

}  // namespace proofgrid::ops
