#include "backends/opencl/cl_context.hpp"

#include <cstdlib>

namespace proofgrid::opencl {

OpenClContext::OpenClContext(std::string_view device_spec) : api_(opencl_api()) {
  std::string spec(device_spec);
  if (spec.empty())
    if (const char* env = std::getenv("PROOFGRID_OPENCL_DEVICE"); env) spec = env;
  device_ = select_device(*api_, spec);
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
    it = programs_.emplace(recipe.name, build_program(*api_, context_.get(), device_, recipe)).first;
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
  return Kernel(ClHandle<cl_kernel>(k, api_->clReleaseKernel), name);
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

void OpenClContext::enqueue(const Kernel& k, std::size_t global) {
  if (global == 0) return;
  const cl_int err = api_->clEnqueueNDRangeKernel(queue_.get(), k.get(), 1, nullptr, &global,
                                                  nullptr, 0, nullptr, nullptr);
  if (err != CL_SUCCESS) throw OpenClError("clEnqueueNDRangeKernel(" + k.name() + ")", err);
}

void OpenClContext::finish() { check_cl(api_->clFinish(queue_.get()), "clFinish"); }

}  // namespace proofgrid::opencl
