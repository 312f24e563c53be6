#include "benchmarks/suite/progress.hpp"

#include <algorithm>

namespace proofgrid::bench {

Progress::Progress(double total_weight, bool enabled) : total_(std::max(total_weight, 1e-9)), enabled_(enabled) {}

Progress::~Progress() { finish(); }

void Progress::set_total(double total_weight) {
  total_ = std::max(total_weight, 1e-9);
  draw();
}

void Progress::begin(const std::string& what) {
  what_ = what;
  draw();
}

void Progress::advance(double weight) {
  done_ = std::min(total_, done_ + weight);
  draw();
}

void Progress::draw() {
  if (!enabled_) return;
  constexpr int kWidth = 30;
  const double f = done_ / total_;
  const int filled = static_cast<int>(f * kWidth + 0.5);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  // \r and clear-to-end-of-line: the bar redraws in place.
  std::fprintf(stderr, "\r[%s] %3d%%  %-40.40s\x1b[K", bar.c_str(), static_cast<int>(f * 100 + 0.5), what_.c_str());
  std::fflush(stderr);
}

void Progress::finish() {
  if (!enabled_) return;
  std::fprintf(stderr, "\r\x1b[K");
  std::fflush(stderr);
  enabled_ = false;
}

}  // namespace proofgrid::bench
