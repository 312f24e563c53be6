#pragma once
// The OpenCL entry points proofgrid uses, resolved at run time from the ICD loader with
// dlopen: the binary has no link-time dependency on libOpenCL and runs (without this backend)
// on machines that have no OpenCL at all. Only the headers are needed at build time.
#ifndef CL_TARGET_OPENCL_VERSION
#define CL_TARGET_OPENCL_VERSION 120  // kernels are OpenCL C 1.2; so is every call below
#endif
#include <CL/cl.h>
#include <CL/cl_ext.h>

#include <memory>
#include <string>
#include <vector>

namespace proofgrid::opencl {

// One pointer per OpenCL function we call. Filled by load_opencl_api; never null once loaded.
struct OpenClApi {
// clang-format off
#define PROOFGRID_CL_FUNCTIONS(X)                                                          \
  X(clGetPlatformIDs) X(clGetPlatformInfo) X(clGetDeviceIDs) X(clGetDeviceInfo)            \
  X(clCreateContext) X(clReleaseContext) X(clCreateCommandQueue) X(clReleaseCommandQueue)   \
  X(clCreateProgramWithSource) X(clCreateProgramWithBinary) X(clBuildProgram)               \
  X(clGetProgramBuildInfo) X(clGetProgramInfo) X(clReleaseProgram) X(clCreateKernel)        \
  X(clReleaseKernel) X(clSetKernelArg) X(clGetKernelWorkGroupInfo) X(clCreateBuffer)        \
  X(clReleaseMemObject) X(clEnqueueWriteBuffer) X(clEnqueueReadBuffer)                      \
  X(clEnqueueNDRangeKernel) X(clFinish)
// clang-format on
#define PROOFGRID_CL_MEMBER(name) decltype(&::name) name = nullptr;
  PROOFGRID_CL_FUNCTIONS(PROOFGRID_CL_MEMBER)
#undef PROOFGRID_CL_MEMBER

  std::string library;  // the file name that was opened, for messages
  void* handle = nullptr;
};

// Library names tried in order: $PROOFGRID_OPENCL_LIBRARY alone when it is set (tests and
// unusual installs), else libOpenCL.so.1 then libOpenCL.so (the macOS framework on Apple).
std::vector<std::string> opencl_library_candidates();

// Opens `library` and resolves every function. Returns null and sets `reason` to a message
// that says what is wrong and what to install. The handle stays open for the process.
std::shared_ptr<const OpenClApi> load_opencl_api(const std::string& library, std::string& reason);

// Whether OpenCL can be used here, and if not, why.
struct Availability {
  bool available = false;
  std::string reason;  // empty when available
  std::shared_ptr<const OpenClApi> api;
};

// Loads the first candidate library that opens and checks that it reports at least one
// platform with a device. Not cached: callers that want one answer per process keep it.
Availability probe_opencl();
// The same for one explicit library name.
Availability probe_opencl(const std::string& library);

// The process-wide API (loaded once, thread-safe). Throws OpenClUnavailable with the reason.
const std::shared_ptr<const OpenClApi>& opencl_api();

}  // namespace proofgrid::opencl
