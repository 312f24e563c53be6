#pragma once
// Device discovery and selection: every platform's devices, and the rule that picks one.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "backends/opencl/cl_api.hpp"

namespace proofgrid::opencl {

struct DeviceInfo {
  std::size_t platform_index = 0;
  std::size_t device_index = 0;  // within its platform
  std::string platform_name;
  std::string platform_version;
  std::string device_name;
  std::string device_vendor;
  std::string device_version;
  std::string driver_version;
  cl_device_type type = 0;
  cl_uint compute_units = 0;
  cl_ulong global_memory = 0;
  cl_ulong max_allocation = 0;
  std::size_t max_work_group = 0;
  bool little_endian = true;  // the host layouts go to the device unchanged: required
  cl_platform_id platform = nullptr;
  cl_device_id device = nullptr;

  std::string type_name() const;  // "GPU", "CPU", "accelerator", "other"
  std::string id() const;         // "P:D", what --device / $PROOFGRID_OPENCL_DEVICE accept
  std::string label() const;      // "0:0 NVIDIA H100 (GPU, NVIDIA CUDA, 132 CUs, 80 GiB)"
};

// All devices of all platforms, in platform then device order.
std::vector<DeviceInfo> list_devices(const OpenClApi& api);

// Picks a device. spec: "" or "auto" (the first GPU, else the first accelerator, else the
// first device), "P:D" (platform and device index as list_devices numbers them), or a
// case-insensitive part of the device or platform name ("h100", "pocl").
// Throws OpenClUnavailable when there is no device, std::invalid_argument when spec matches none
// (the message lists the devices there are).
DeviceInfo select_device(const OpenClApi& api, std::string_view spec);

}  // namespace proofgrid::opencl
