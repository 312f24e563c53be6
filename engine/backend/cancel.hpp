#pragma once
// Cooperative cancellation for long proving work (a VDF at T = 200000 runs for seconds):
// the control process cancels a slot that was reassigned, a worker cancels on shutdown.
#include <atomic>
#include <stdexcept>

namespace proofgrid {

class CancelToken {
 public:
  void cancel() noexcept { flag_.store(true, std::memory_order_relaxed); }
  bool cancelled() const noexcept { return flag_.load(std::memory_order_relaxed); }
  void reset() noexcept { flag_.store(false, std::memory_order_relaxed); }

 private:
  std::atomic<bool> flag_{false};
};

// Thrown by kernels that observed a cancelled token.
class Cancelled : public std::runtime_error {
 public:
  Cancelled();
};

}  // namespace proofgrid
