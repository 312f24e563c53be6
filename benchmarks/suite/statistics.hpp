#pragma once
// Order statistics of a handful of timings (the suite reports medians and percentiles).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace proofgrid::bench {

// Nearest-rank percentile, p in [0, 1]. Throws std::invalid_argument for no values.
inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) throw std::invalid_argument("percentile of no values");
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(std::lround(p * static_cast<double>(v.size() - 1)));
  return v[std::min(i, v.size() - 1)];
}

// The middle value, or the mean of the two middle ones.
inline double median(std::vector<double> v) {
  if (v.empty()) throw std::invalid_argument("median of no values");
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace proofgrid::bench
