#include "backends/opencl/cl_program.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>

#include "backends/opencl/cl_error.hpp"
#include "engine/common/hash.hpp"

namespace proofgrid::opencl {
namespace {

namespace fs = std::filesystem;

// A binary is valid only for the same sources, options, device and driver.
std::string cache_key(const DeviceInfo& d, const ProgramRecipe& r) {
  Sha256 h;
  for (const std::string& part : {d.platform_name, d.platform_version, d.device_name,
                                  d.device_version, d.driver_version, r.options}) {
    h.update(as_bytes(part));
    h.update(as_bytes(std::string_view("\0", 1)));
  }
  for (std::string_view src : r.sources) h.update(as_bytes(src));
  const Digest32 digest = h.finish();
  return r.name + "-" + to_hex(digest);
}

std::string build_log(const OpenClApi& cl, cl_program program, cl_device_id device) {
  std::size_t size = 0;
  if (cl.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, nullptr, &size) !=
      CL_SUCCESS)
    return "(no build log available)";
  std::string log(size, '\0');
  cl.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, size, log.data(), nullptr);
  while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
  return log.empty() ? "(empty build log)" : log;
}

ClHandle<cl_program> from_binary(const OpenClApi& cl, cl_context ctx, const DeviceInfo& d,
                                 const std::string& options,
                                 const std::vector<unsigned char>& bin) {
  const unsigned char* ptr = bin.data();
  const std::size_t size = bin.size();
  cl_int status = CL_SUCCESS;
  cl_int err = CL_SUCCESS;
  cl_program p = cl.clCreateProgramWithBinary(ctx, 1, &d.device, &size, &ptr, &status, &err);
  if (err != CL_SUCCESS || status != CL_SUCCESS || !p) return {};
  ClHandle<cl_program> program(p, cl.clReleaseProgram);
  if (cl.clBuildProgram(p, 1, &d.device, options.c_str(), nullptr, nullptr) != CL_SUCCESS)
    return {};
  return program;
}

void store_binary(const OpenClApi& cl, cl_program p, const fs::path& file) {
  std::size_t size = 0;
  if (cl.clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, sizeof size, &size, nullptr) != CL_SUCCESS ||
      size == 0)
    return;  // this runtime keeps no binaries: nothing to cache
  std::vector<unsigned char> bin(size);
  unsigned char* ptr = bin.data();
  if (cl.clGetProgramInfo(p, CL_PROGRAM_BINARIES, sizeof ptr, &ptr, nullptr) != CL_SUCCESS) return;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  // Write then rename, so a concurrent reader never sees half a file.
  const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) return;
    out.write(reinterpret_cast<const char*>(bin.data()), static_cast<std::streamsize>(bin.size()));
    if (!out) return;
  }
  fs::rename(tmp, file, ec);
  if (ec) fs::remove(tmp, ec);
}

}  // namespace

fs::path program_cache_dir() {
  if (const char* v = std::getenv("PROOFGRID_OPENCL_CACHE"); v && *v)
    return std::string_view(v) == "off" ? fs::path() : fs::path(v);
  if (const char* v = std::getenv("XDG_CACHE_HOME"); v && *v)
    return fs::path(v) / "proofgrid" / "opencl";
  if (const char* v = std::getenv("HOME"); v && *v)
    return fs::path(v) / ".cache" / "proofgrid" / "opencl";
  return {};
}

BuiltProgram build_program(const OpenClApi& cl, cl_context ctx, const DeviceInfo& d,
                           const ProgramRecipe& recipe) {
  const fs::path dir = program_cache_dir();
  const fs::path file = dir.empty() ? fs::path() : dir / (cache_key(d, recipe) + ".bin");
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (in) {
      std::vector<unsigned char> bin((std::istreambuf_iterator<char>(in)),
                                     std::istreambuf_iterator<char>());
      if (auto p = from_binary(cl, ctx, d, recipe.options, bin)) return {std::move(p), true};
      std::error_code ec;
      fs::remove(file, ec);  // stale or corrupt: rebuild from source below
    }
  }

  std::vector<const char*> texts;
  std::vector<std::size_t> lengths;
  for (std::string_view s : recipe.sources) {
    texts.push_back(s.data());
    lengths.push_back(s.size());
  }
  cl_int err = CL_SUCCESS;
  cl_program p = cl.clCreateProgramWithSource(ctx, static_cast<cl_uint>(texts.size()), texts.data(),
                                              lengths.data(), &err);
  check_cl(err, "clCreateProgramWithSource");
  ClHandle<cl_program> program(p, cl.clReleaseProgram);
  err = cl.clBuildProgram(p, 1, &d.device, recipe.options.c_str(), nullptr, nullptr);
  if (err != CL_SUCCESS)
    throw OpenClBuildError("OpenCL program '" + recipe.name + "' failed to build on " +
                           d.device_name + " (" + cl_error_name(err) + ", options '" +
                           recipe.options + "'). Build log:\n" + build_log(cl, p, d.device));
  if (!file.empty()) store_binary(cl, p, file);
  return {std::move(program), false};
}

}  // namespace proofgrid::opencl
