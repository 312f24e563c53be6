// Run-time loading, device discovery, program building and the binary cache.
#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <vector>

#include "backends/opencl/cl_context.hpp"
#include "tests/unit/opencl/opencl_test_support.hpp"

namespace proofgrid::test {
namespace {

using namespace proofgrid::opencl;

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::filesystem::path fresh_dir(const std::string& tag) {
  auto dir = std::filesystem::temp_directory_path() /
             ("proofgrid-opencl-" + tag + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

const ProgramRecipe& tiny_program() {
  static const ProgramRecipe recipe{
      "tiny-test",
      {"__kernel void axpy(__global const uint* x, __global uint* y, uint a, uint n) {\n"
       "  uint i = get_global_id(0); if (i < n) y[i] += a * x[i];\n}\n"},
      "-cl-std=CL1.2"};
  return recipe;
}

}  // namespace

TEST_CASE("a missing OpenCL library is reported with what to install", "[opencl][runtime]") {
  const Availability a = probe_opencl("libproofgrid-no-such-opencl.so.1");
  CHECK_FALSE(a.available);
  CHECK_THAT(a.reason, Catch::Contains("no OpenCL runtime") &&
                           Catch::Contains("libproofgrid-no-such-opencl.so.1 not found") &&
                           Catch::Contains("ocl-icd-libopencl1") &&
                           Catch::Contains("pocl-opencl-icd"));
}

TEST_CASE("PROOFGRID_OPENCL_LIBRARY replaces the library name", "[opencl][runtime]") {
  ScopedEnv env("PROOFGRID_OPENCL_LIBRARY", "/nonexistent/libOpenCL-bogus.so");
  CHECK(opencl_library_candidates() == std::vector<std::string>{"/nonexistent/libOpenCL-bogus.so"});
  const Availability a = probe_opencl();
  CHECK_FALSE(a.available);
  CHECK_THAT(a.reason, Catch::Contains("/nonexistent/libOpenCL-bogus.so not found"));
}

TEST_CASE("a library that is not an OpenCL loader is rejected by name", "[opencl][runtime]") {
  const Availability a = probe_opencl("libm.so.6");
  CHECK_FALSE(a.available);
  CHECK_THAT(a.reason, Catch::Contains("libm.so.6 is not a usable OpenCL ICD loader") &&
                           Catch::Contains("clGetPlatformIDs"));
}

TEST_CASE("a loader without drivers reports that no platform is installed", "[opencl][runtime]") {
  // ocl-icd reads OCL_ICD_VENDORS once per process, so probe in a child process while this
  // one has not loaded the loader (ctest runs each test case alone, where that always holds).
  if (void* h = dlopen("libOpenCL.so.1", RTLD_NOW | RTLD_NOLOAD)) {
    dlclose(h);
    WARN("SKIPPED: libOpenCL is already loaded in this process; run this case on its own");
    return;
  }
  const auto empty = fresh_dir("novendors");
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    ::setenv("OCL_ICD_VENDORS", empty.c_str(), 1);
    const std::string reason = probe_opencl("libOpenCL.so.1").reason;
    (void)!::write(fds[1], reason.data(), reason.size());
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string reason;
  char buf[512];
  for (ssize_t got; (got = ::read(fds[0], buf, sizeof buf)) > 0;)
    reason.append(buf, static_cast<std::size_t>(got));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::filesystem::remove_all(empty);
  if (reason.find("not found") != std::string::npos) {
    WARN("SKIPPED: no OpenCL loader on this machine: " << reason);
    return;
  }
  CHECK_THAT(reason, Catch::Contains("no OpenCL platform") && Catch::Contains("pocl-opencl-icd"));
}

TEST_CASE("devices are listed and selected by auto, index and name", "[opencl][runtime]") {
  OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  const OpenClApi& cl = ctx->api();
  const std::vector<DeviceInfo> devices = list_devices(cl);
  REQUIRE_FALSE(devices.empty());
  for (const DeviceInfo& d : devices) {
    CHECK_FALSE(d.device_name.empty());
    CHECK_FALSE(d.platform_name.empty());
    CHECK(d.compute_units > 0);
  }
  CHECK(select_device(cl, "auto").device != nullptr);
  CHECK(select_device(cl, devices.back().id()).device == devices.back().device);
  CHECK(select_device(cl, devices.front().device_name).device == devices.front().device);
  CHECK_THROWS_WITH(
      select_device(cl, "no-such-device-xyz"),
      Catch::Contains("no OpenCL device matches") && Catch::Contains(devices.front().device_name));
}

TEST_CASE("a kernel that does not compile reports the device's build log", "[opencl][runtime]") {
  OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  const ProgramRecipe broken{
      "broken-test",
      {"__kernel void k(__global int* x) { x[0] = no_such_identifier_42; }\n"},
      "-cl-std=CL1.2"};
  CHECK_THROWS_AS(ctx->program(broken), OpenClBuildError);
  CHECK_THROWS_WITH(ctx->program(broken),
                    Catch::Contains("broken-test") && Catch::Contains("no_such_identifier_42"));
}

TEST_CASE("program binaries are cached on disk per device and reused", "[opencl][runtime]") {
  if (!opencl_context()) return;
  const auto dir = fresh_dir("cache");
  ScopedEnv env("PROOFGRID_OPENCL_CACHE", dir.string());
  std::vector<std::uint32_t> x{1, 2, 3, 4, 5};
  for (int round = 0; round < 2; ++round) {
    OpenClContext ctx;  // a new context: nothing built in memory yet
    const Kernel k = ctx.kernel(tiny_program(), "axpy");
    CHECK(ctx.program_from_disk_cache("tiny-test") == (round == 1));
    std::vector<std::uint32_t> y{10, 20, 30, 40, 50};
    const Buffer xb = ctx.upload(std::span<const std::uint32_t>(x));
    const Buffer yb = ctx.upload(std::span<const std::uint32_t>(y));
    ctx.run(k, x.size(), xb, yb, cl_uint{3}, static_cast<cl_uint>(x.size()));
    ctx.read(yb, y.data(), y.size() * sizeof y[0]);
    CHECK(y == std::vector<std::uint32_t>{13, 26, 39, 52, 65});
  }
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    files += e.path().extension() == ".bin";
  CHECK(files == 1);
  std::filesystem::remove_all(dir);
}

}  // namespace proofgrid::test
