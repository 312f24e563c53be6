#pragma once
// OpenClContext: one device, its context and in-order queue, the programs built for it, and
// the buffer/kernel helpers the kernel classes (msm, fft, vdf) use. Not thread-safe: one
// owner at a time (a backend instance serialises the slots it serves).
#include <cstddef>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "backends/opencl/cl_device.hpp"
#include "backends/opencl/cl_error.hpp"
#include "backends/opencl/cl_handles.hpp"
#include "backends/opencl/cl_program.hpp"

namespace proofgrid::opencl {

class Buffer {
 public:
  Buffer() = default;
  Buffer(ClHandle<cl_mem> mem, std::size_t bytes) : mem_(std::move(mem)), bytes_(bytes) {}
  cl_mem get() const noexcept { return mem_.get(); }
  std::size_t bytes() const noexcept { return bytes_; }

 private:
  ClHandle<cl_mem> mem_;
  std::size_t bytes_ = 0;
};

class Kernel {
 public:
  Kernel() = default;
  Kernel(ClHandle<cl_kernel> k, std::string name, std::size_t max_group)
      : kernel_(std::move(k)), name_(std::move(name)), max_group_(max_group) {}
  cl_kernel get() const noexcept { return kernel_.get(); }
  const std::string& name() const noexcept { return name_; }
  // The largest work-group this kernel can run with on its device (register pressure).
  std::size_t max_group() const noexcept { return max_group_; }

 private:
  ClHandle<cl_kernel> kernel_;
  std::string name_;
  std::size_t max_group_ = 1;
};

class OpenClContext {
 public:
  // device_spec as select_device takes it; empty means $PROOFGRID_OPENCL_DEVICE, else auto.
  // Throws OpenClUnavailable (with what to install) when there is no OpenCL here.
  explicit OpenClContext(std::string_view device_spec = {});
  ~OpenClContext();
  OpenClContext(const OpenClContext&) = delete;
  OpenClContext& operator=(const OpenClContext&) = delete;

  const DeviceInfo& device() const noexcept { return device_; }
  const OpenClApi& api() const noexcept { return *api_; }

  // The program for this recipe, built on first use and kept for the context's life.
  cl_program program(const ProgramRecipe& recipe);
  // Whether that program came from the on-disk binary cache (false before it is built).
  bool program_from_disk_cache(const std::string& recipe_name) const;
  Kernel kernel(const ProgramRecipe& recipe, const char* name);

  Buffer alloc(std::size_t bytes);
  void write(const Buffer& buf, const void* data, std::size_t bytes, std::size_t offset = 0);
  void read(const Buffer& buf, void* data, std::size_t bytes, std::size_t offset = 0);
  template <typename T>
  Buffer upload(std::span<const T> items) {
    Buffer b = alloc(items.size_bytes());
    if (!items.empty()) write(b, items.data(), items.size_bytes());
    return b;
  }

  // Sets the arguments in order and enqueues `global` work-items (none when 0). Kernels
  // ignore ids >= their item count, because global is rounded up to whole work-groups.
  template <typename... Args>
  void run(const Kernel& k, std::size_t global, const Args&... args) {
    cl_uint index = 0;
    (set_arg(k, index++, args), ...);
    enqueue(k, global);
  }
  void finish();

 private:
  void set_arg(const Kernel& k, cl_uint index, const Buffer& b);
  template <typename T>
  requires std::is_arithmetic_v<T>
  void set_arg(const Kernel& k, cl_uint index, const T& v) { set_raw_arg(k, index, sizeof v, &v); }
  void set_raw_arg(const Kernel& k, cl_uint index, std::size_t size, const void* value);
  void enqueue(const Kernel& k, std::size_t global);
  std::size_t work_group_size(const Kernel& k, std::size_t global) const;

  std::shared_ptr<const OpenClApi> api_;
  DeviceInfo device_;
  ClHandle<cl_context> context_;
  ClHandle<cl_command_queue> queue_;
  std::map<std::string, BuiltProgram> programs_;
};

}  // namespace proofgrid::opencl
