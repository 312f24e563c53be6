#include "tests/unit/opencl/opencl_test_support.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>

namespace proofgrid::test {

opencl::OpenClContext* opencl_context() {
  static std::unique_ptr<opencl::OpenClContext> ctx;
  if (ctx) return ctx.get();
  ::setenv("PROOFGRID_OPENCL_CACHE", PROOFGRID_TEST_OPENCL_CACHE, 0);
  const opencl::Availability probe = opencl::probe_opencl();
  if (!probe.available) {
    WARN("SKIPPED: no OpenCL on this machine: " << probe.reason);
    return nullptr;
  }
  ctx = std::make_unique<opencl::OpenClContext>();
  INFO("OpenCL device " << ctx->device().label());
  return ctx.get();
}

}  // namespace proofgrid::test
