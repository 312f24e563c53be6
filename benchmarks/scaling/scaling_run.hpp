#pragma once
// Scaling on this machine with real worker processes: N copies of this binary
// (`proofgrid bench scaling-probe`, hidden), each pinned to a core as a data worker is, start
// together, solve `jobs` VDFs each and report their times; the round is as long as the
// slowest process. Also the per-core spread: one chain pinned to each core in turn.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace proofgrid::bench {

struct ScalingOptions {
  std::string backend = "cpu";
  std::uint32_t difficulty = 2000;
  unsigned jobs = 2;                 // per process
  std::vector<unsigned> counts;      // worker counts to measure, e.g. 1, 2 (, 4, 6)
  unsigned cores = 1;                // for pinning: process i runs on core i mod cores
};

struct ScalingPoint {
  unsigned workers = 0;
  double round_seconds = 0;         // slowest process, its own compute time (start-up excluded)
  double fastest_seconds = 0;       // quickest process
  double throughput = 0;            // proofs per second = workers × jobs / round_seconds
  double throughput_cpu = 0;        // the same over the slowest process's CPU time
  double cpu_share = 0;             // mean over processes of CPU time / wall time
};

// Runs the probes for every count; `progress` is told after each count. Throws
// std::runtime_error if a probe fails (its stderr in the message).
std::vector<ScalingPoint> run_scaling(const ScalingOptions& o, const std::function<void(unsigned)>& progress);

struct CoreSpread {
  std::vector<int> cores;
  std::vector<double> squarings_per_second;       // per core, CPU time (the core's speed)
  std::vector<double> squarings_per_second_wall;  // per core, wall clock (speed and load)
  double min = 0, median = 0, max = 0;            // of the CPU-time figures
  double slowest_core_factor = 1;                 // median / min: how much the slowest core lags
};

// One squaring chain of `difficulty` pinned to each core this process may run on.
CoreSpread measure_core_spread(std::uint32_t difficulty);

nlohmann::ordered_json to_json(const ScalingPoint& p);
nlohmann::ordered_json to_json(const CoreSpread& s);

// The hidden child command behind run_scaling.
void add_scaling_probe_command(CLI::App& bench);

}  // namespace proofgrid::bench
