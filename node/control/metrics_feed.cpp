#include "node/control/metrics_feed.hpp"

#include "node/control/status_view.hpp"

namespace proofgrid::control {
namespace {

// Counters only go up: a slot's counters restart from zero only when it is new.
void advance(ops::Counter& c, std::uint64_t now, std::uint64_t before) {
  if (now > before) c.inc(static_cast<double>(now - before));
}

}  // namespace

MetricsFeed::MetricsFeed(ops::Registry& registry) : metrics_(registry) {}

void MetricsFeed::sync(const ClusterSnapshot& snapshot) {
  std::lock_guard lock(mutex_);
  std::map<std::size_t, Seen> next;
  for (const SlotView& s : snapshot.slots) {
    const auto labels = ops::slot_labels(s.slot, s.core, address_host(s.address));
    Seen before;
    if (auto it = seen_.find(s.slot); it != seen_.end() && it->second.labels == labels) before = it->second;
    const SlotCounters& c = s.counters;
    metrics_.set_state(labels, worker_state(s.phase));
    advance(metrics_.proofs_accepted.with(labels), c.proofs_accepted, before.counters.proofs_accepted);
    advance(metrics_.proofs_rejected.with({labels[0], labels[1], labels[2], "invalid"}), c.proofs_invalid,
            before.counters.proofs_invalid);
    advance(metrics_.proofs_rejected.with({labels[0], labels[1], labels[2], "timeout"}), c.timeouts,
            before.counters.timeouts);
    advance(metrics_.restarts.with(labels), c.restarts, before.counters.restarts);
    const auto reconnects = [](std::uint64_t connects) { return connects > 0 ? connects - 1 : 0; };
    advance(metrics_.reconnects.with(labels), reconnects(c.connects), reconnects(before.counters.connects));
    if (auto rss = slot_rss(s))
      metrics_.worker_memory.with(labels).set(static_cast<double>(*rss));
    else
      metrics_.worker_memory.remove(labels);
    next[s.slot] = Seen{labels, c};
  }
  for (const auto& [slot, old] : seen_)
    if (auto it = next.find(slot); it == next.end() || it->second.labels != old.labels) metrics_.remove_slot(old.labels);
  seen_ = std::move(next);
}

void MetricsFeed::proof_accepted(const std::string& address, double seconds) {
  metrics_.prove_duration.with({address_host(address)}).observe(seconds);
}

void MetricsFeed::round_closed(double seconds, const ops::ChainHead& head) { metrics_.round_closed(seconds, head); }

}  // namespace proofgrid::control
