#pragma once
// Move-only owners of OpenCL objects. The release function comes from the run-time loaded
// API table, so each handle carries it.
#include <utility>

#include "backends/opencl/cl_api.hpp"

namespace proofgrid::opencl {

template <typename T>
class ClHandle {
 public:
  using Release = cl_int(CL_API_CALL*)(T);

  ClHandle() = default;
  ClHandle(T handle, Release release) : handle_(handle), release_(release) {}
  ~ClHandle() { reset(); }
  ClHandle(ClHandle&& o) noexcept
      : handle_(std::exchange(o.handle_, nullptr)), release_(o.release_) {}
  ClHandle& operator=(ClHandle&& o) noexcept {
    if (this != &o) {
      reset();
      handle_ = std::exchange(o.handle_, nullptr);
      release_ = o.release_;
    }
    return *this;
  }
  ClHandle(const ClHandle&) = delete;
  ClHandle& operator=(const ClHandle&) = delete;

  T get() const noexcept { return handle_; }
  explicit operator bool() const noexcept { return handle_ != nullptr; }
  void reset() noexcept {
    if (handle_ && release_) release_(handle_);
    handle_ = nullptr;
  }

 private:
  T handle_ = nullptr;
  Release release_ = nullptr;
};

}  // namespace proofgrid::opencl
