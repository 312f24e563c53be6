#include "node/ops/cluster_metrics.hpp"

#include <unistd.h>

#include <fstream>

namespace proofgrid::ops {
namespace {

const std::vector<std::string> kSlot = {"slot", "core", "host"};

std::vector<std::string> slot_and(const std::string& extra) {
  auto labels = kSlot;
  labels.push_back(extra);
  return labels;
}

LabelValues with_value(LabelValues slot, std::string_view extra) {
  slot.emplace_back(extra);
  return slot;
}

// A VDF proof takes from well under a second (small fixed difficulty) to minutes (T = 200000
// on a slow core); rounds wait for the slowest proof plus verification and commitment.
const std::vector<double> kProveBuckets = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500};
const std::vector<double> kRoundBuckets = {0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000};

}  // namespace

LabelValues slot_labels(std::size_t slot, unsigned core, const std::string& host) {
  return {std::to_string(slot), std::to_string(core), host};
}

double resident_memory_bytes() {
  std::ifstream statm("/proc/self/statm");
  double size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<double>(::sysconf(_SC_PAGESIZE));
}

ClusterMetrics::ClusterMetrics(Registry& r)
    : worker_up(r.gauge("proofgrid_worker_up", "1 when the slot's data worker is connected and proving (ready or busy)", kSlot)),
      worker_state(r.gauge("proofgrid_worker_state",
                           "1 for the slot's current state: starting, ready, busy, paused, dead or crash-loop",
                           slot_and("state"))),
      proofs_accepted(r.counter("proofgrid_proofs_accepted_total", "Proofs that verified and entered a round", kSlot)),
      proofs_rejected(r.counter("proofgrid_proofs_rejected_total",
                                "Proofs refused, by reason (invalid: failed verification; timeout: not in time)",
                                slot_and("reason"))),
      prove_duration(r.histogram("proofgrid_prove_duration_seconds",
                                 "Time from a task's dispatch to its verified proof, per worker machine", kProveBuckets,
                                 {"host"})),
      restarts(r.counter("proofgrid_worker_restarts_total", "Times the slot's worker process started again", kSlot)),
      reconnects(r.counter("proofgrid_worker_reconnects_total", "Times the control connected to the slot's worker again", kSlot)),
      worker_memory(r.gauge("proofgrid_worker_resident_memory_bytes", "Resident set size the worker last reported", kSlot)),
      round_duration(r.histogram("proofgrid_round_duration_seconds",
                                 "Wall time of a round, from its tasks to its durable record", kRoundBuckets)),
      head_increment(r.gauge("proofgrid_chain_head_increment", "Increment of the newest durable record").with({})),
      head_parallelism(r.gauge("proofgrid_chain_head_parallelism", "P, the slots in the newest round").with({})),
      head_poly_size(r.gauge("proofgrid_chain_head_poly_size", "N, the polynomial size of the newest round").with({})),
      head_time(r.gauge("proofgrid_chain_head_timestamp_seconds", "Unix time the newest round closed").with({})),
      control_memory(r.gauge("process_resident_memory_bytes", "Resident set size of the control process").with({})) {
  r.on_scrape([this] { control_memory.set(resident_memory_bytes()); });
}

void ClusterMetrics::set_state(const LabelValues& slot, WorkerState state) {
  worker_up.with(slot).set(state == WorkerState::ready || state == WorkerState::busy ? 1 : 0);
  for (WorkerState s : kAllWorkerStates) worker_state.with(with_value(slot, to_string(s))).set(s == state ? 1 : 0);
}

void ClusterMetrics::remove_slot(const LabelValues& slot) {
  worker_up.remove(slot);
  for (WorkerState s : kAllWorkerStates) worker_state.remove(with_value(slot, to_string(s)));
  proofs_accepted.remove(slot);
  for (const char* reason : {"invalid", "timeout"}) proofs_rejected.remove(with_value(slot, reason));
  restarts.remove(slot);
  reconnects.remove(slot);
  worker_memory.remove(slot);
}

void ClusterMetrics::round_closed(double seconds, const ChainHead& head) {
  round_duration.with({}).observe(seconds);
  head_increment.set(static_cast<double>(head.increment));
  head_parallelism.set(static_cast<double>(head.parallelism));
  head_poly_size.set(static_cast<double>(head.poly_size));
  if (head.last_round_unix_seconds) head_time.set(static_cast<double>(*head.last_round_unix_seconds));
}

}  // namespace proofgrid::ops
