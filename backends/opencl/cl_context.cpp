#include "backends/opencl/cl_context.hpp"

#include <algorithm>
#include <cstdlib>

namespace proofgrid::opencl {

OpenClContext::OpenClContext(std::string_view device_spec) : api_(opencl_api()) {
  std::string spec(device_spec);
  if (spec.empty())
    if (const char* env = std::getenv("PROOFGRID_OPENCL_DEVICE"); env) spec = env;
  device_ = select_device(*api_, spec);
  if (!device_.little_endian)
    throw OpenClUnavailable("OpenCL device " + device_.label() +
                            " is big-endian; proofgrid's kernels need a little-endian device");
  const OpenClApi& cl = *api_;
  cl_int err = CL_SUCCESS;
  const cl_context_properties props[] = {
      CL_CONTEXT_PLATFORM, reinterpret_cast<cl_context_properties>(device_.platform), 0};
  cl_context ctx = cl.clCreateContext(props, 1, &device_.device, nullptr, nullptr, &err);
  check_cl(err, "clCreateContext");
  context_ = ClHandle<cl_context>(ctx, cl.clReleaseContext);
  cl_command_queue q = cl.clCreateCommandQueue(ctx, device_.device, 0, &err);
  check_cl(err, "clCreateCommandQueue");
  queue_ = ClHandle<cl_command_queue>(q, cl.clReleaseCommandQueue);
}

OpenClContext::~OpenClContext() {
  if (queue_) api_->clFinish(queue_.get());
}

cl_program OpenClContext::program(const ProgramRecipe& recipe) {
  auto it = programs_.find(recipe.name);
  if (it == programs_.end())
    it =
        programs_.emplace(recipe.name, build_program(*api_, context_.get(), device_, recipe)).first;
  return it->second.program.get();
}

bool OpenClContext::program_from_disk_cache(const std::string& recipe_name) const {
  auto it = programs_.find(recipe_name);
  return it != programs_.end() && it->second.from_disk_cache;
}

Kernel OpenClContext::kernel(const ProgramRecipe& recipe, const char* name) {
  cl_int err = CL_SUCCESS;
  cl_kernel k = api_->clCreateKernel(program(recipe), name, &err);
  check_cl(err, (std::string("clCreateKernel(") + name + ")").c_str());
  ClHandle<cl_kernel> handle(k, api_->clReleaseKernel);
  std::size_t max_group = 1;
  check_cl(api_->clGetKernelWorkGroupInfo(k, device_.device, CL_KERNEL_WORK_GROUP_SIZE,
                                          sizeof max_group, &max_group, nullptr),
           "clGetKernelWorkGroupInfo");
  return Kernel(std::move(handle), name, std::max<std::size_t>(1, max_group));
}

Buffer OpenClContext::alloc(std::size_t bytes) {
  cl_int err = CL_SUCCESS;
  // Zero-sized buffers are invalid in OpenCL; an unused argument still needs a buffer.
  const std::size_t size = bytes == 0 ? 16 : bytes;
  cl_mem m = api_->clCreateBuffer(context_.get(), CL_MEM_READ_WRITE, size, nullptr, &err);
  check_cl(err, ("clCreateBuffer(" + std::to_string(size) + " bytes)").c_str());
  return Buffer(ClHandle<cl_mem>(m, api_->clReleaseMemObject), bytes);
}

void OpenClContext::write(const Buffer& buf, const void* data, std::size_t bytes,
                          std::size_t offset) {
  if (bytes == 0) return;
  check_cl(api_->clEnqueueWriteBuffer(queue_.get(), buf.get(), CL_TRUE, offset, bytes, data, 0,
                                      nullptr, nullptr),
           "clEnqueueWriteBuffer");
}

void OpenClContext::read(const Buffer& buf, void* data, std::size_t bytes, std::size_t offset) {
  if (bytes == 0) return;
  check_cl(api_->clEnqueueReadBuffer(queue_.get(), buf.get(), CL_TRUE, offset, bytes, data, 0,
                                     nullptr, nullptr),
           "clEnqueueReadBuffer");
}

void OpenClContext::set_arg(const Kernel& k, cl_uint index, const Buffer& b) {
  const cl_mem m = b.get();
  set_raw_arg(k, index, sizeof m, &m);
}

void OpenClContext::set_raw_arg(const Kernel& k, cl_uint index, std::size_t size,
                                const void* value) {
  const cl_int err = api_->clSetKernelArg(k.get(), index, size, value);
  if (err != CL_SUCCESS)
    throw OpenClError("clSetKernelArg(" + k.name() + ", " + std::to_string(index) + ")", err);
}

std::size_t OpenClContext::work_group_size(const Kernel& k, std::size_t global) const {
  // CPU devices (PoCL) run one work-group per core at a time: a few groups per core keep
  // every core busy. GPUs want groups of at least a warp/wavefront; our kernels are long and
  // heavy on private memory, so 64 items is a safe middle.
  std::size_t local = 64;
  if (device_.type & CL_DEVICE_TYPE_CPU) {
    const std::size_t groups = 4 * std::max<cl_uint>(1, device_.compute_units);
    local = (global + groups - 1) / groups;
  }
  return std::clamp<std::size_t>(local, 1, k.max_group());
}

void OpenClContext::enqueue(const Kernel& k, std::size_t global) {
  if (global == 0) return;
  const std::size_t local = work_group_size(k, global);
  const std::size_t padded = (global + local - 1) / local * local;
  const cl_int err = api_->clEnqueueNDRangeKernel(queue_.get(), k.get(), 1, nullptr, &padded,
                                                  &local, 0, nullptr, nullptr);
  if (err != CL_SUCCESS) throw OpenClError("clEnqueueNDRangeKernel(" + k.name() + ")", err);
}

void OpenClContext::finish() { check_cl(api_->clFinish(queue_.get()), "clFinish"); }

}  // namespace proofgrid::opencl
