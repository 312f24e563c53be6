#pragma once
// The cluster's metrics, by name (docs/operations.md lists them): what the control process
// updates as slots change state, proofs arrive and rounds close. Registered once on a
// Registry; the wiring calls the members from its callbacks.
#include <string>

#include "node/ops/metrics.hpp"
#include "node/ops/slot_status.hpp"

namespace proofgrid::ops {

// The labels of one slot's series: {slot="3",core="4",host="192.168.0.201"}.
LabelValues slot_labels(std::size_t slot, unsigned core, const std::string& host);

struct ClusterMetrics {
  explicit ClusterMetrics(Registry& registry);

  // up = 1 for ready and busy; state is one series per state, 1 for the current one.
  void set_state(const LabelValues& slot, WorkerState state);
  // A slot that left the config (reload): its series disappear from the next scrape.
  void remove_slot(const LabelValues& slot);
  // A closed round: its duration and the new chain head.
  void round_closed(double seconds, const ChainHead& head);

  Family<Gauge>& worker_up;                  // proofgrid_worker_up{slot,core,host}
  Family<Gauge>& worker_state;               // proofgrid_worker_state{slot,core,host,state}
  Family<Counter>& proofs_accepted;          // proofgrid_proofs_accepted_total{slot,core,host}
  Family<Counter>& proofs_rejected;          // proofgrid_proofs_rejected_total{slot,core,host,reason}
  Family<Histogram>& prove_duration;         // proofgrid_prove_duration_seconds{host}
  Family<Counter>& restarts;                 // proofgrid_worker_restarts_total{slot,core,host}
  Family<Counter>& reconnects;               // proofgrid_worker_reconnects_total{slot,core,host}
  Family<Gauge>& worker_memory;              // proofgrid_worker_resident_memory_bytes{slot,core,host}
  Family<Histogram>& round_duration;         // proofgrid_round_duration_seconds
  Gauge& head_increment;                     // proofgrid_chain_head_increment
  Gauge& head_parallelism;                   // proofgrid_chain_head_parallelism
  Gauge& head_poly_size;                     // proofgrid_chain_head_poly_size
  Gauge& head_time;                          // proofgrid_chain_head_timestamp_seconds
  Gauge& control_memory;                     // process_resident_memory_bytes (this process)
};

// This process's resident set size in bytes (/proc/self/statm), 0 when unknown.
double resident_memory_bytes();

}  // namespace proofgrid::ops
