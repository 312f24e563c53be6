#include "backends/registry/registry.hpp"

#include "backends/cpu/cpu_backend.hpp"

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
  };
  return table;
}

std::string known_names() {
  std::string out;
  for (const auto& e : entries()) out += (out.empty() ? "" : ", ") + std::string(e.name);
  return out;
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

AutoChoice choose_auto_backend() {
  std::vector<std::string> usable;
  for (const auto& info : list_backends())
    if (info.available) usable.push_back(info.name);
  if (usable.size() == 1)
    return {usable.front(), "the only usable backend in this build"};
  // With several usable backends the choice must come from a measurement; until a
  // calibration exists the reference is the safe choice.
  return {usable.front(), "the reference backend (no calibration in this build)"};
}

std::unique_ptr<Backend> create_backend(std::string_view name, const BackendOptions& options) {
  if (name == "auto") return create_backend(choose_auto_backend().name, options);
  for (const auto& e : entries()) {
    if (name != e.name) continue;
    const BackendInfo info = e.probe();
    if (!info.available)
      throw BackendUnavailable("backend '" + std::string(name) + "' is not usable here: " +
                               info.reason);
    return e.create(options);
  }
  throw BackendUnavailable("unknown backend '" + std::string(name) +
                           "'; this build has: " + known_names());
}

}  // namespace proofgrid::backends
