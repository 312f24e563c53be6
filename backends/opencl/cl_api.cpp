#include "backends/opencl/cl_api.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <mutex>

#include "backends/opencl/cl_error.hpp"

namespace proofgrid::opencl {
namespace {

constexpr const char* kInstallHint =
    "install ocl-icd-libopencl1 and a driver (pocl-opencl-icd for CPUs, nvidia-opencl-icd for "
    "NVIDIA GPUs, mesa-opencl-icd for AMD/Intel GPUs)";

std::string last_dl_error() {
  const char* e = dlerror();
  return e ? e : "unknown dlopen error";
}

}  // namespace

std::vector<std::string> opencl_library_candidates() {
  if (const char* forced = std::getenv("PROOFGRID_OPENCL_LIBRARY"); forced && *forced)
    return {forced};
#ifdef __APPLE__
  return {"/System/Library/Frameworks/OpenCL.framework/OpenCL"};
#else
  return {"libOpenCL.so.1", "libOpenCL.so"};
#endif
}

std::shared_ptr<const OpenClApi> load_opencl_api(const std::string& library, std::string& reason) {
  void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    reason =
        "no OpenCL runtime: " + library + " not found (" + last_dl_error() + ") - " + kInstallHint;
    return nullptr;
  }
  auto api = std::make_shared<OpenClApi>();
  api->library = library;
  api->handle = handle;
  // Resolve every entry point now so a broken loader fails here, not in the middle of a proof.
#define PROOFGRID_CL_RESOLVE(name)                                                             \
  api->name = reinterpret_cast<decltype(api->name)>(dlsym(handle, #name));                     \
  if (!api->name) {                                                                            \
    reason =                                                                                   \
        library + " is not a usable OpenCL ICD loader: it has no " #name " - " + kInstallHint; \
    dlclose(handle);                                                                           \
    return nullptr;                                                                            \
  }
  PROOFGRID_CL_FUNCTIONS(PROOFGRID_CL_RESOLVE)
#undef PROOFGRID_CL_RESOLVE
  return api;
}

Availability probe_opencl(const std::string& library) {
  Availability out;
  out.api = load_opencl_api(library, out.reason);
  if (!out.api) return out;
  const OpenClApi& cl = *out.api;
  cl_uint platforms = 0;
  const cl_int st = cl.clGetPlatformIDs(0, nullptr, &platforms);
  if (st == CL_PLATFORM_NOT_FOUND_KHR || (st == CL_SUCCESS && platforms == 0)) {
    out.reason = "no OpenCL platform: " + library +
                 " loaded but found no installed driver (ICD) - install pocl-opencl-icd for "
                 "CPUs or your GPU vendor's OpenCL driver (e.g. nvidia-opencl-icd)";
    return out;
  }
  if (st != CL_SUCCESS) {
    out.reason = "OpenCL platform query failed: clGetPlatformIDs returned " + cl_error_name(st);
    return out;
  }
  std::vector<cl_platform_id> ids(platforms);
  cl.clGetPlatformIDs(platforms, ids.data(), nullptr);
  for (cl_platform_id p : ids) {
    cl_uint devices = 0;
    if (cl.clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, nullptr, &devices) == CL_SUCCESS &&
        devices > 0) {
      out.available = true;
      return out;
    }
  }
  out.reason = "no OpenCL device: " + std::to_string(platforms) +
               " platform(s) found but none reports a device - check the driver installation "
               "(clinfo lists what the runtime sees)";
  return out;
}

Availability probe_opencl() {
  Availability last;
  for (const std::string& lib : opencl_library_candidates()) {
    last = probe_opencl(lib);
    // A library that opened decides the answer; only "not found" moves on to the next name.
    if (last.api) return last;
  }
  return last;
}

const std::shared_ptr<const OpenClApi>& opencl_api() {
  static std::once_flag once;
  static Availability probed;
  std::call_once(once, [] { probed = probe_opencl(); });
  if (!probed.available) throw OpenClUnavailable(probed.reason);
  return probed.api;
}

}  // namespace proofgrid::opencl
