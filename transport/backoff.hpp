#pragma once
// Reconnect delays: min, 2·min, 4·min … capped at max, each shortened by up to `jitter` of
// itself (never below min) so that many links lost together do not retry in lockstep.
#include <chrono>
#include <cstdint>
#include <random>

namespace proofgrid::transport {

class Backoff {
 public:
  using ms = std::chrono::milliseconds;
  Backoff(ms min, ms max, double jitter, std::uint64_t seed);

  // The delay before the next attempt; each call doubles the base up to max.
  ms next();
  // After a successful connection the next failure starts again at min.
  void reset() { failures_ = 0; }
  // The un-jittered delay the next call to next() will be based on.
  ms base() const;
  unsigned failures() const { return failures_; }

 private:
  ms min_, max_;
  double jitter_;
  unsigned failures_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace proofgrid::transport
