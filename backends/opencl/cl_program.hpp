#pragma once
// Building kernel programs from the embedded sources, with the device's full build log on
// failure and an on-disk cache of program binaries per device.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "backends/opencl/cl_device.hpp"
#include "backends/opencl/cl_handles.hpp"

namespace proofgrid::opencl {

// What to compile: the sources are concatenated in order (kernels/*.cl, embedded).
struct ProgramRecipe {
  std::string name;  // for messages and the in-process cache: "kzg", "vdf"
  std::vector<std::string_view> sources;
  std::string options;  // clBuildProgram options
};

struct BuiltProgram {
  ClHandle<cl_program> program;
  bool from_disk_cache = false;
};

// Where program binaries are kept: $PROOFGRID_OPENCL_CACHE ("off" disables), else
// $XDG_CACHE_HOME/proofgrid/opencl, else ~/.cache/proofgrid/opencl. Empty when off.
std::filesystem::path program_cache_dir();

// Loads the program's binary for this device from the cache when a valid one is there, else
// compiles the sources and stores the binary. Throws OpenClBuildError (with the build log)
// when the sources do not compile.
BuiltProgram build_program(const OpenClApi& api, cl_context context, const DeviceInfo& device,
                           const ProgramRecipe& recipe);

}  // namespace proofgrid::opencl
