#pragma once
// From measured figures to sizing advice: workers per machine, the PolySize tier and its
// warnings, the expected round time and proofs per hour, and cluster extrapolations.
//
// The round model (docs/benchmarks.md): every worker solves one VDF per round, so
//   round = solve(T) × slowdown(W) × slowest_core + P × verify + commit(N) × chunks + prove(N)
// where slowdown(W) = 1 + σ(W−1) + κW(W−1) is the USL's per-worker cost of W workers on one
// machine (machines are independent of each other), slowest_core the factor by which the
// slowest core lags the median one (a round waits for its last proof), and the control
// verifies the P proofs on its reserved core.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "benchmarks/scaling/usl_fit.hpp"

namespace proofgrid::bench {

// PolySize of a round of P slots (node/ops/poly_size.hpp rules) and the planner's warning.
struct PolyAdvice {
  std::size_t slots = 0;
  std::size_t poly_size = 0;
  std::size_t chunks = 0;
  std::optional<std::string> warning;
};
PolyAdvice poly_advice(std::size_t slots);

// Workers for a machine with `cores` hardware threads: one per core, less the control's
// reserve (node/config's default_worker_count) when it hosts the control, and never past the
// USL peak when the fit found one.
unsigned recommended_workers(unsigned cores, bool hosts_control, const UslModel& usl);

// How far a cluster of such machines grows before a PolySize step: the most machines whose
// slots stay within `limit` (128, 1024, 2048), and the planner's warning for one more.
struct PolyTier {
  std::size_t limit = 0;
  std::size_t max_machines = 0;  // 0: even one machine exceeds the limit
  std::size_t slots = 0;         // at max_machines
  std::size_t next_slots = 0;    // with one machine more
  std::optional<std::string> next_warning;
};
PolyTier poly_tier(std::size_t limit, unsigned per_machine, unsigned control_machine_workers);

struct RoundInputs {
  double solve_seconds = 0;        // one proof at the difficulty, one worker alone
  double verify_seconds = 0;       // control: one proof
  double commit_seconds_n128 = 0;  // control: one commitment
  double commit_seconds_n1024 = 0;
  double prove_seconds_n128 = 0;   // control: the round's one opening
  double prove_seconds_n1024 = 0;
  double slowest_core_factor = 1;  // >= 1
  UslModel usl;
};

struct RoundEstimate {
  std::size_t machines = 0;
  unsigned workers_per_machine = 0;      // on each machine but the control's
  unsigned control_machine_workers = 0;
  std::size_t slots = 0;
  PolyAdvice poly;
  double round_seconds = 0;
  double proofs_per_hour = 0;
  double control_share = 0;  // the part of the round the control spends verifying and committing
};

// A cluster of `machines` machines, `per_machine` workers each (the control's machine runs
// `control_machine_workers`, the rest `per_machine`).
RoundEstimate estimate_round(const RoundInputs& in, std::size_t machines, unsigned per_machine,
                             unsigned control_machine_workers);

nlohmann::ordered_json to_json(const RoundEstimate& e);

}  // namespace proofgrid::bench
