#pragma once
// `--parent-process PID`: a local worker ends when the control process that started it is
// gone, so a killed control never leaves orphans computing. On Linux the kernel signals it
// (PR_SET_PDEATHSIG, SIGTERM) when PID is its real parent; in every case a thread also polls,
// which covers other systems, a parent that died before the prctl, and a PID that is not
// the real parent.
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace proofgrid::worker {

class ParentWatch {
 public:
  // Calls `on_gone` once, from the watch thread, when `parent` has ended.
  ParentWatch(pid_t parent, std::function<void()> on_gone,
              std::chrono::milliseconds poll = std::chrono::milliseconds(250));
  ~ParentWatch();
  ParentWatch(const ParentWatch&) = delete;
  ParentWatch& operator=(const ParentWatch&) = delete;

  // True when the kernel will also send SIGTERM at the parent's death.
  bool kernel_signal() const { return kernel_signal_; }

 private:
  bool parent_alive() const;
  void run();

  pid_t parent_;
  bool real_parent_ = false;  // PID was getppid() at start: reparenting means it died
  bool kernel_signal_ = false;
  std::function<void()> on_gone_;
  std::chrono::milliseconds poll_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace proofgrid::worker
