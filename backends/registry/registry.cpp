#include "backends/registry/registry.hpp"

#include <map>
#include <mutex>

#include "backends/cpu/cpu_backend.hpp"
#include "backends/host/host_backend.hpp"
#include "backends/registry/calibration.hpp"
#include "backends/simd/simd_backend.hpp"
#ifdef PROOFGRID_HAVE_OPENCL
#include "backends/opencl/opencl_backend.hpp"
#endif

namespace proofgrid::backends {
namespace {

struct Entry {
  const char* name;
  BackendInfo (*probe)();
  std::unique_ptr<Backend> (*create)(const BackendOptions&);
};

// The table of compiled-in backends; cpu (the reference) first.
const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {
      {"cpu", &probe_cpu_backend, &create_cpu_backend},
      {"simd", &probe_simd_backend, &create_simd_backend},
#ifdef PROOFGRID_HAVE_OPENCL
      {"opencl", &probe_opencl_backend, &create_opencl_backend},
#endif
  };
  return table;
}

std::string known_names() {
  std::string out;
  for (const auto& e : entries()) out += (out.empty() ? "" : ", ") + std::string(e.name);
  return out + ", auto";
}

}  // namespace

std::vector<std::string> compiled_backends() {
  std::vector<std::string> names;
  for (const auto& e : entries()) names.emplace_back(e.name);
  return names;
}

std::vector<BackendInfo> list_backends() {
  std::vector<BackendInfo> infos;
  for (const auto& e : entries()) infos.push_back(e.probe());
  return infos;
}

AutoChoice choose_auto_backend(const BackendOptions& options) {
  // One calibration per process and thread count; workers that create many instances ask once.
  static std::mutex mutex;
  static std::map<std::size_t, AutoChoice> chosen;
  const std::size_t threads = effective_threads(options);
  std::lock_guard lock(mutex);
  if (auto it = chosen.find(threads); it != chosen.end()) return it->second;
  std::vector<BackendInfo> usable;
  for (auto& info : list_backends())
    if (info.available) usable.push_back(std::move(info));
  AutoChoice choice;
  if (usable.size() == 1) {
    choice = {usable.front().name, "the only usable backend in this build"};
  } else {
    const CalibrationResult r = calibrate(usable, threads);
    choice = {r.choice, r.why + (r.from_cache ? " (cached calibration)" : "")};
  }
  chosen[threads] = choice;
  return choice;
}

std::unique_ptr<Backend> create_backend(std::string_view name, const BackendOptions& options) {
  if (name == "auto") return create_backend(choose_auto_backend(options).name, options);
  for (const auto& e : entries()) {
    if (name != e.name) continue;
    const BackendInfo info = e.probe();
    if (!info.available)
      throw BackendUnavailable("backend '" + std::string(name) + "' is not usable here: " + info.reason);
    return e.create(options);
  }
  std::string hint;
#ifndef PROOFGRID_HAVE_OPENCL
  if (name == "opencl")
    hint = " (this proofgrid was built without OpenCL: install opencl-headers and configure with "
           "-DPROOFGRID_OPENCL=ON)";
#endif
  throw BackendUnavailable("unknown backend '" + std::string(name) + "'" + hint + "; this build has: " + known_names());
}

}  // namespace proofgrid::backends
