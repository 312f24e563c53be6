#include "transport/backoff.hpp"

#include <algorithm>
#include <stdexcept>

namespace proofgrid::transport {

Backoff::Backoff(ms min, ms max, double jitter, std::uint64_t seed)
    : min_(min), max_(max), jitter_(jitter), rng_(seed) {
  if (min.count() <= 0 || max < min || jitter < 0.0 || jitter >= 1.0) {
    throw std::invalid_argument("backoff needs 0 < min <= max and 0 <= jitter < 1");
  }
}

Backoff::ms Backoff::base() const {
  // Doubling past 2^20·min cannot stay below any sane max; stop shifting there.
  unsigned shift = std::min(failures_, 20u);
  auto grown = min_.count() * (std::int64_t{1} << shift);
  return ms(std::min<std::int64_t>(grown, max_.count()));
}

Backoff::ms Backoff::next() {
  ms b = base();
  ++failures_;
  std::uniform_real_distribution<double> cut(0.0, jitter_);
  auto jittered = static_cast<std::int64_t>(static_cast<double>(b.count()) * (1.0 - cut(rng_)));
  return ms(std::max<std::int64_t>(jittered, min_.count()));
}

}  // namespace proofgrid::transport
