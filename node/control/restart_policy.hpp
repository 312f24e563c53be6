#pragma once
// When the supervisor restarts a local worker: after each failure (the process ended, or
// could not be spawned) it waits 0.5 s, 1 s, 2 s … up to 30 s, each delay cut by up to 20 %
// at random so that workers failing together do not restart in lockstep. Five failures
// within 60 s put the worker in the crash-loop state (shown in logs and the cluster state);
// it is still retried, and it leaves that state, with its backoff reset, once a start has
// stayed up for 60 s. Pure logic on a caller-supplied clock, so tests control time.
#include <chrono>
#include <cstdint>
#include <deque>

#include "transport/backoff.hpp"

namespace proofgrid::control {

struct RestartPolicy {
  std::chrono::milliseconds backoff_min{500};
  std::chrono::milliseconds backoff_max{30000};
  double jitter = 0.2;
  unsigned crash_loop_failures = 5;
  std::chrono::milliseconds crash_loop_window{60000};
  std::chrono::milliseconds stable_after{60000};
};

class RestartTracker {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  RestartTracker(const RestartPolicy& policy, std::uint64_t seed);

  struct Decision {
    std::chrono::milliseconds delay{0};  // wait this long before the next spawn
    bool crash_loop = false;
    bool entered_crash_loop = false;     // this failure tipped it over
    unsigned recent_failures = 0;        // within the window, this one included
  };
  // A worker ended after running `uptime`, or a spawn failed (uptime zero).
  Decision on_failure(TimePoint now, std::chrono::milliseconds uptime);
  // The current start has been up for `uptime`; true when that just ended a crash loop.
  bool on_uptime(std::chrono::milliseconds uptime);

  bool crash_loop() const { return crash_loop_; }

 private:
  void forget_history();

  RestartPolicy policy_;
  transport::Backoff backoff_;
  std::deque<TimePoint> failures_;
  bool crash_loop_ = false;
};

}  // namespace proofgrid::control
