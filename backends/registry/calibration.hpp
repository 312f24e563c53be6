#pragma once
// `--backend auto`: a short calibration of every usable backend (VDF squarings per second
// summed over a batch, and a one-shot MSM at N = 64), cached on disk so that it runs once per
// binary, machine and device set. The choice is the backend with the best geometric mean of
// its speed-ups over cpu on the two kernels.
//
// Cache file: $PROOFGRID_CALIBRATION_CACHE (a file path, or "off"), else
// $XDG_CACHE_HOME/proofgrid/backend-calibration.json, else ~/.cache/proofgrid/...; it holds
// one entry keyed by the binary (version and modification time), the CPU model, the thread
// count and the usable backends with their devices.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backends/registry/registry.hpp"

namespace proofgrid::backends {

struct CalibrationResult {
  std::string choice;
  std::string why;
  bool from_cache = false;
  // Per backend: "vdf_squarings_per_second", "msm_ms_n64".
  std::map<std::string, std::map<std::string, double>> figures;
};

// Calibrates `candidates` (usable backends, reference first) with `threads` threads each, or
// reads the cached result for the same key.
CalibrationResult calibrate(const std::vector<BackendInfo>& candidates, std::size_t threads);

// Where the cache lives (nullopt: caching is off).
std::optional<std::filesystem::path> calibration_cache_path();

}  // namespace proofgrid::backends
