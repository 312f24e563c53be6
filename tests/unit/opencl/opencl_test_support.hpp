#pragma once
// What the OpenCL tests share: the device context, skipped only when there is no OpenCL.
#include "backends/opencl/cl_context.hpp"

namespace proofgrid::test {

// The context every test in this executable uses (programs build once per process, binaries
// are cached in the build tree). Null, after a Catch2 WARN that says why, only when this
// machine has no OpenCL runtime, platform or device; any other failure fails the test.
opencl::OpenClContext* opencl_context();

}  // namespace proofgrid::test
