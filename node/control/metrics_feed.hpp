#pragma once
// The control process's metrics (ops::ClusterMetrics) fed from the cluster state: slot
// states, counters and RSS are read from a snapshot at every scrape (counters advance by
// what changed since the previous one), proofs and rounds arrive as events. A slot that a
// reload removed or readdressed loses its series.
#include <map>
#include <mutex>

#include "node/control/cluster_state.hpp"
#include "node/ops/cluster_metrics.hpp"

namespace proofgrid::control {

class MetricsFeed {
 public:
  explicit MetricsFeed(ops::Registry& registry);

  void sync(const ClusterSnapshot& snapshot);
  void proof_accepted(const std::string& address, double seconds);
  void round_closed(double seconds, const ops::ChainHead& head);

 private:
  struct Seen {
    ops::LabelValues labels;
    SlotCounters counters;
  };
  ops::ClusterMetrics metrics_;
  std::mutex mutex_;
  std::map<std::size_t, Seen> seen_;  // by slot index
};

}  // namespace proofgrid::control
