#pragma once
// Runs user callbacks so that once close() has returned none is running or will run again:
// the control can stop a link from its round thread and then destroy what the callbacks use.
// The mutex is recursive so a callback may itself call stop() on its own link.
#include <exception>
#include <memory>
#include <mutex>
#include <string>

#include <spdlog/spdlog.h>

namespace proofgrid::transport {

class CallbackGate {
 public:
  // Exceptions from the callback are logged, never thrown into the io_context.
  template <class F>
  void run(spdlog::logger& log, const std::string& who, F&& f) {
    std::lock_guard lock(mutex_);
    if (!open_) return;
    try {
      f();
    } catch (const std::exception& e) {
      log.error("{}: a callback threw: {}", who, e.what());
    } catch (...) {
      log.error("{}: a callback threw a non-standard exception", who);
    }
  }
  void close() {
    std::lock_guard lock(mutex_);
    open_ = false;
  }
  bool open() {
    std::lock_guard lock(mutex_);
    return open_;
  }

 private:
  std::recursive_mutex mutex_;
  bool open_ = true;
};

}  // namespace proofgrid::transport
