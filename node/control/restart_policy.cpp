#include "node/control/restart_policy.hpp"

namespace proofgrid::control {

RestartTracker::RestartTracker(const RestartPolicy& policy, std::uint64_t seed)
    : policy_(policy), backoff_(policy.backoff_min, policy.backoff_max, policy.jitter, seed) {}

void RestartTracker::forget_history() {
  failures_.clear();
  backoff_.reset();
  crash_loop_ = false;
}

RestartTracker::Decision RestartTracker::on_failure(TimePoint now, std::chrono::milliseconds uptime) {
  // A worker that ran long enough before ending had recovered: this is a fresh failure.
  if (uptime >= policy_.stable_after) forget_history();
  failures_.push_back(now);
  while (!failures_.empty() && now - failures_.front() > policy_.crash_loop_window) failures_.pop_front();
  Decision d;
  d.recent_failures = static_cast<unsigned>(failures_.size());
  if (!crash_loop_ && d.recent_failures >= policy_.crash_loop_failures) {
    crash_loop_ = true;
    d.entered_crash_loop = true;
  }
  d.crash_loop = crash_loop_;
  d.delay = backoff_.next();
  return d;
}

bool RestartTracker::on_uptime(std::chrono::milliseconds uptime) {
  if (uptime < policy_.stable_after || (failures_.empty() && !crash_loop_)) return false;
  const bool was = crash_loop_;
  forget_history();
  return was;
}

}  // namespace proofgrid::control
