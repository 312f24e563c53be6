#include "node/config/units.hpp"

#include <array>
#include <limits>
#include <utility>

namespace proofgrid::config {
namespace {

// Reads the leading decimal digits of text into value; false on none or on overflow.
bool take_number(std::string_view& text, std::uint64_t& value) {
  std::size_t i = 0;
  value = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    auto digit = static_cast<std::uint64_t>(text[i] - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return false;
    value = value * 10 + digit;
    ++i;
  }
  if (i == 0) return false;
  text.remove_prefix(i);
  return true;
}

bool checked_mul(std::uint64_t a, std::uint64_t b, std::uint64_t& out) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) return false;
  out = a * b;
  return true;
}

constexpr std::array<std::pair<std::string_view, std::uint64_t>, 5> kDurationUnits = {{
    {"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}}};

constexpr std::array<std::pair<std::string_view, std::uint64_t>, 9> kSizeUnits = {{
    {"B", 1}, {"KiB", 1ull << 10}, {"MiB", 1ull << 20}, {"GiB", 1ull << 30}, {"TiB", 1ull << 40},
    {"KB", 1'000}, {"MB", 1'000'000}, {"GB", 1'000'000'000}, {"TB", 1'000'000'000'000}}};

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t total = 0;
  while (!text.empty()) {
    std::uint64_t n = 0;
    if (!take_number(text, n)) return std::nullopt;
    std::size_t unit_len = 0;
    while (unit_len < text.size() && text[unit_len] >= 'a' && text[unit_len] <= 'z') ++unit_len;
    std::string_view unit = text.substr(0, unit_len);
    text.remove_prefix(unit_len);
    std::uint64_t scale = 0;
    for (auto [name, ms] : kDurationUnits)
      if (name == unit) scale = ms;
    std::uint64_t part = 0;
    if (scale == 0 || !checked_mul(n, scale, part)) return std::nullopt;
    if (part > std::numeric_limits<std::int64_t>::max() - total) return std::nullopt;
    total += part;
  }
  return Duration(static_cast<Duration::rep>(total));
}

std::string format_duration(Duration d) {
  auto ms = static_cast<std::uint64_t>(d.count() < 0 ? 0 : d.count());
  if (ms == 0) return "0s";
  std::string out;
  // Largest units first, skipping the ones that do not occur ("1h30m", not "1h30m0s").
  for (auto it = kDurationUnits.rbegin(); it != kDurationUnits.rend(); ++it) {
    if (ms >= it->second) {
      out += std::to_string(ms / it->second) + std::string(it->first);
      ms %= it->second;
    }
  }
  return out;
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  std::uint64_t n = 0;
  if (!take_number(text, n)) return std::nullopt;
  if (text.empty()) return n;
  for (auto [name, scale] : kSizeUnits) {
    std::uint64_t bytes = 0;
    if (name == text) return checked_mul(n, scale, bytes) ? std::optional(bytes) : std::nullopt;
  }
  return std::nullopt;
}

std::string format_byte_size(std::uint64_t bytes) {
  // Binary units only, so the text reads back to the same value.
  for (std::size_t i = 4; i >= 1; --i) {
    std::uint64_t scale = kSizeUnits[i].second;
    if (bytes != 0 && bytes % scale == 0)
      return std::to_string(bytes / scale) + std::string(kSizeUnits[i].first);
  }
  return std::to_string(bytes) + "B";
}

}  // namespace proofgrid::config
