#include "transport/fault_injection.hpp"

namespace proofgrid::transport {

RandomFaults::RandomFaults(Rates rates, std::uint64_t seed) : rates_(rates), rng_(seed) {}

RandomFaults::Counts RandomFaults::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

void RandomFaults::set_enabled(bool on) {
  std::lock_guard lock(mutex_);
  enabled_ = on;
}

FaultDecision RandomFaults::on_send(Role, MessageType type, Bytes& frame) {
  std::lock_guard lock(mutex_);
  ++counts_.seen;
  if (!enabled_) return {};
  if (rates_.only && *rates_.only != type) return {};
  if (rates_.spare_hello_and_close && (type == MessageType::hello || type == MessageType::close)) {
    return {};
  }
  std::uniform_real_distribution<double> u(0.0, 1.0);
  // One draw picks at most one fault: the rates are disjoint slices of [0, 1).
  double x = u(rng_);
  if ((x -= rates_.drop) < 0) {
    ++counts_.dropped;
    return {FaultDecision::Action::drop, {}};
  }
  if ((x -= rates_.disconnect) < 0) {
    ++counts_.disconnected;
    return {FaultDecision::Action::disconnect, {}};
  }
  if ((x -= rates_.corrupt) < 0 && !frame.empty()) {
    ++counts_.corrupted;
    std::uniform_int_distribution<std::size_t> at(0, frame.size() - 1);
    std::uniform_int_distribution<int> bit(0, 7);
    frame[at(rng_)] ^= static_cast<std::uint8_t>(1u << bit(rng_));
    return {FaultDecision::Action::corrupt, {}};
  }
  if ((x -= rates_.delay) < 0) {
    ++counts_.delayed;
    std::uniform_int_distribution<std::int64_t> d(rates_.delay_min.count(), rates_.delay_max.count());
    return {FaultDecision::Action::delay, std::chrono::milliseconds(d(rng_))};
  }
  return {};
}

}  // namespace proofgrid::transport
