#include "node/worker/parent_watch.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>

#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace proofgrid::worker {

ParentWatch::ParentWatch(pid_t parent, std::function<void()> on_gone, std::chrono::milliseconds poll)
    : parent_(parent), on_gone_(std::move(on_gone)), poll_(poll) {
  real_parent_ = ::getppid() == parent_;
#ifdef __linux__
  // Fires when the parent's thread that forked us ends; the poll below still decides for
  // the whole process, so a parent thread ending early only starts a graceful stop sooner.
  if (real_parent_ && ::prctl(PR_SET_PDEATHSIG, SIGTERM) == 0) {
    kernel_signal_ = true;
    // The parent may have died between fork and prctl: then we were reparented already.
    real_parent_ = ::getppid() == parent_;
  }
#endif
  thread_ = std::thread([this] { run(); });
}

ParentWatch::~ParentWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool ParentWatch::parent_alive() const {
  // Our real parent: once it dies we are reparented, whatever PID the new parent has. Any
  // other PID: signal 0 asks whether it exists (EPERM means it does, owned by someone else).
  if (real_parent_) return ::getppid() == parent_;
  return ::kill(parent_, 0) == 0 || errno != ESRCH;
}

void ParentWatch::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (!parent_alive()) {
      lock.unlock();
      on_gone_();
      return;
    }
    wake_.wait_for(lock, poll_, [this] { return stopping_; });
  }
}

}  // namespace proofgrid::worker
