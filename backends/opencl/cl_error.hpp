#pragma once
// Errors from the OpenCL runtime, named (CL_OUT_OF_RESOURCES, not -5) and tied to the call.
#include <stdexcept>
#include <string>

#include "backends/opencl/cl_api.hpp"

namespace proofgrid::opencl {

// No usable OpenCL here (library missing, no platform, no device). what() says what to install.
class OpenClUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A failing OpenCL call; code() is the raw status.
class OpenClError : public std::runtime_error {
 public:
  OpenClError(const std::string& call, cl_int code);
  cl_int code() const noexcept { return code_; }

 private:
  cl_int code_;
};

// A kernel program that did not compile; what() carries the device's full build log.
class OpenClBuildError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "CL_INVALID_VALUE" for -30, "CL_PLATFORM_NOT_FOUND_KHR" for -1001, or the number.
std::string cl_error_name(cl_int code);

// Throws OpenClError when status is not CL_SUCCESS.
inline void check_cl(cl_int status, const char* call) {
  if (status != CL_SUCCESS) throw OpenClError(call, status);
}

}  // namespace proofgrid::opencl
