#pragma once
// The whole suite behind bare `proofgrid bench`: every usable backend, verification, the
// transport, per-core spread, scaling with real worker processes and its USL fit, and the
// sizing recommendation, as one JSON document (docs/benchmarks.md describes every field).
#include <string>

#include <nlohmann/json.hpp>

#include "benchmarks/scaling/svg_chart.hpp"
#include "benchmarks/suite/progress.hpp"

namespace proofgrid::bench {

enum class SuiteMode { quick, full };

struct SuiteOptions {
  SuiteMode mode = SuiteMode::quick;
  std::string only;  // comma-separated backends; empty: every usable one
};

nlohmann::ordered_json run_suite(const SuiteOptions& options, Progress& progress);

// The chart of a suite result's scaling section.
ScalingChart scaling_chart(const nlohmann::ordered_json& result);

// The readable form of a suite result.
std::string suite_table(const nlohmann::ordered_json& result);

}  // namespace proofgrid::bench
