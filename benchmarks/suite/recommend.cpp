#include "benchmarks/suite/recommend.hpp"

#include <algorithm>
#include <cmath>

#include "node/config/config.hpp"
#include "node/ops/poly_size.hpp"

namespace proofgrid::bench {

PolyAdvice poly_advice(std::size_t slots) {
  return {slots, ops::poly_size(slots), ops::chunk_count(slots), ops::worker_count_warning(slots)};
}

unsigned recommended_workers(unsigned cores, bool hosts_control, const UslModel& usl) {
  unsigned n = hosts_control ? config::default_worker_count(cores) : std::max(1u, cores);
  if (const auto peak = usl.peak_workers(); peak && *peak >= 1)
    n = std::min(n, static_cast<unsigned>(std::floor(*peak)));
  return std::max(1u, n);
}

PolyTier poly_tier(std::size_t limit, unsigned per_machine, unsigned control_machine_workers) {
  PolyTier t;
  t.limit = limit;
  const std::size_t first = control_machine_workers, each = std::max(1u, per_machine);
  if (first <= limit) {
    t.max_machines = 1 + (limit - first) / each;
    t.slots = first + (t.max_machines - 1) * each;
  }
  t.next_slots = t.max_machines == 0 ? first : t.slots + each;
  t.next_warning = ops::worker_count_warning(t.next_slots);
  return t;
}

RoundEstimate estimate_round(const RoundInputs& in, std::size_t machines, unsigned per_machine,
                             unsigned control_machine_workers) {
  RoundEstimate e;
  e.machines = machines;
  e.workers_per_machine = per_machine;
  e.control_machine_workers = control_machine_workers;
  e.slots = machines == 0 ? 0 : control_machine_workers + (machines - 1) * per_machine;
  e.poly = poly_advice(e.slots);
  // The busiest machine sets the pace: the one with the most workers.
  const unsigned busiest = machines > 1 ? std::max(per_machine, control_machine_workers) : control_machine_workers;
  const double solve = in.solve_seconds * in.usl.slowdown(busiest) * std::max(1.0, in.slowest_core_factor);
  const bool small = e.poly.poly_size <= 128;
  const double commit = (small ? in.commit_seconds_n128 : in.commit_seconds_n1024) * static_cast<double>(e.poly.chunks);
  const double prove = small ? in.prove_seconds_n128 : in.prove_seconds_n1024;
  const double control = static_cast<double>(e.slots) * in.verify_seconds + commit + prove;
  e.round_seconds = solve + control;
  e.control_share = e.round_seconds > 0 ? control / e.round_seconds : 0;
  e.proofs_per_hour = e.round_seconds > 0 ? static_cast<double>(e.slots) * 3600 / e.round_seconds : 0;
  return e;
}

nlohmann::ordered_json to_json(const RoundEstimate& e) {
  nlohmann::ordered_json j{{"machines", e.machines},
                           {"workers_per_worker_machine", e.workers_per_machine},
                           {"control_machine_workers", e.control_machine_workers},
                           {"slots", e.slots},
                           {"poly_size", e.poly.poly_size},
                           {"chunks", e.poly.chunks},
                           {"round_seconds", e.round_seconds},
                           {"proofs_per_hour", e.proofs_per_hour},
                           {"control_share", e.control_share}};
  if (e.poly.warning) j["warning"] = *e.poly.warning;
  return j;
}

}  // namespace proofgrid::bench
