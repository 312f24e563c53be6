#include "backends/opencl/cl_device.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "backends/opencl/cl_error.hpp"

namespace proofgrid::opencl {
namespace {

// An info string through the two-call protocol (size, then data); `query` wraps the call.
template <typename Query>
std::string info_string(Query&& query, const char* call) {
  std::size_t size = 0;
  check_cl(query(0, nullptr, &size), call);
  std::string s(size, '\0');
  check_cl(query(size, s.data(), nullptr), call);
  while (!s.empty() && s.back() == '\0') s.pop_back();
  return s;
}

std::string platform_string(const OpenClApi& cl, cl_platform_id p, cl_platform_info what) {
  return info_string([&](std::size_t n, void* v,
                         std::size_t* r) { return cl.clGetPlatformInfo(p, what, n, v, r); },
                     "clGetPlatformInfo");
}

std::string device_string(const OpenClApi& cl, cl_device_id d, cl_device_info what) {
  return info_string(
      [&](std::size_t n, void* v, std::size_t* r) { return cl.clGetDeviceInfo(d, what, n, v, r); },
      "clGetDeviceInfo");
}

template <typename T>
T device_value(const OpenClApi& cl, cl_device_id d, cl_device_info what) {
  T v{};
  check_cl(cl.clGetDeviceInfo(d, what, sizeof v, &v, nullptr), "clGetDeviceInfo");
  return v;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string device_list(const std::vector<DeviceInfo>& devices) {
  std::string s;
  for (const DeviceInfo& d : devices) s += "\n  " + d.label();
  return s;
}

}  // namespace

std::string DeviceInfo::type_name() const {
  if (type & CL_DEVICE_TYPE_GPU) return "GPU";
  if (type & CL_DEVICE_TYPE_CPU) return "CPU";
  if (type & CL_DEVICE_TYPE_ACCELERATOR) return "accelerator";
  return "other";
}

std::string DeviceInfo::id() const {
  return std::to_string(platform_index) + ":" + std::to_string(device_index);
}

std::string DeviceInfo::label() const {
  return id() + " " + device_name + " (" + type_name() + ", " + platform_name + ", " +
         std::to_string(compute_units) + " CUs, " + std::to_string(global_memory >> 20) + " MiB)";
}

std::vector<DeviceInfo> list_devices(const OpenClApi& cl) {
  cl_uint np = 0;
  const cl_int st = cl.clGetPlatformIDs(0, nullptr, &np);
  if (st == CL_PLATFORM_NOT_FOUND_KHR || np == 0) return {};
  check_cl(st, "clGetPlatformIDs");
  std::vector<cl_platform_id> platforms(np);
  check_cl(cl.clGetPlatformIDs(np, platforms.data(), nullptr), "clGetPlatformIDs");

  std::vector<DeviceInfo> out;
  for (std::size_t pi = 0; pi < platforms.size(); ++pi) {
    cl_uint nd = 0;
    if (cl.clGetDeviceIDs(platforms[pi], CL_DEVICE_TYPE_ALL, 0, nullptr, &nd) != CL_SUCCESS)
      continue;  // CL_DEVICE_NOT_FOUND: a platform without devices is skipped
    std::vector<cl_device_id> devices(nd);
    check_cl(cl.clGetDeviceIDs(platforms[pi], CL_DEVICE_TYPE_ALL, nd, devices.data(), nullptr),
             "clGetDeviceIDs");
    for (std::size_t di = 0; di < devices.size(); ++di) {
      DeviceInfo d;
      d.platform_index = pi;
      d.device_index = di;
      d.platform = platforms[pi];
      d.device = devices[di];
      d.platform_name = platform_string(cl, d.platform, CL_PLATFORM_NAME);
      d.platform_version = platform_string(cl, d.platform, CL_PLATFORM_VERSION);
      d.device_name = device_string(cl, d.device, CL_DEVICE_NAME);
      d.device_vendor = device_string(cl, d.device, CL_DEVICE_VENDOR);
      d.device_version = device_string(cl, d.device, CL_DEVICE_VERSION);
      d.driver_version = device_string(cl, d.device, CL_DRIVER_VERSION);
      d.type = device_value<cl_device_type>(cl, d.device, CL_DEVICE_TYPE);
      d.compute_units = device_value<cl_uint>(cl, d.device, CL_DEVICE_MAX_COMPUTE_UNITS);
      d.global_memory = device_value<cl_ulong>(cl, d.device, CL_DEVICE_GLOBAL_MEM_SIZE);
      d.max_allocation = device_value<cl_ulong>(cl, d.device, CL_DEVICE_MAX_MEM_ALLOC_SIZE);
      d.max_work_group = device_value<std::size_t>(cl, d.device, CL_DEVICE_MAX_WORK_GROUP_SIZE);
      d.little_endian = device_value<cl_bool>(cl, d.device, CL_DEVICE_ENDIAN_LITTLE) == CL_TRUE;
      out.push_back(std::move(d));
    }
  }
  return out;
}

DeviceInfo select_device(const OpenClApi& cl, std::string_view spec) {
  const std::vector<DeviceInfo> devices = list_devices(cl);
  if (devices.empty())
    throw OpenClUnavailable(
        "no OpenCL device: install pocl-opencl-icd for CPUs or your GPU vendor's OpenCL driver");
  if (spec.empty() || spec == "auto") {
    for (cl_device_type want :
         {cl_device_type{CL_DEVICE_TYPE_GPU}, cl_device_type{CL_DEVICE_TYPE_ACCELERATOR}})
      for (const DeviceInfo& d : devices)
        if (d.type & want) return d;
    return devices.front();
  }
  for (const DeviceInfo& d : devices)
    if (d.id() == spec) return d;
  const std::string needle = lower(spec);
  for (const DeviceInfo& d : devices)
    if (lower(d.device_name).find(needle) != std::string::npos ||
        lower(d.platform_name).find(needle) != std::string::npos)
      return d;
  throw std::invalid_argument(
      "no OpenCL device matches '" + std::string(spec) +
      "'; use auto, P:D or part of a name. Devices here:" + device_list(devices));
}

}  // namespace proofgrid::opencl
