#include "node/control/status_view.hpp"

#include <unistd.h>

#include <fstream>

#include "node/config/multiaddr.hpp"

namespace proofgrid::control {
namespace {

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

ops::WorkerState worker_state(SlotPhase phase) {
  switch (phase) {
    case SlotPhase::starting: return ops::WorkerState::starting;
    case SlotPhase::ready: return ops::WorkerState::ready;
    case SlotPhase::busy: return ops::WorkerState::busy;
    case SlotPhase::paused: return ops::WorkerState::paused;
    case SlotPhase::dead: return ops::WorkerState::dead;
    case SlotPhase::crash_loop: return ops::WorkerState::crash_loop;
  }
  return ops::WorkerState::dead;
}

std::string address_host(const std::string& address) {
  auto parsed = config::Multiaddr::try_parse(address);
  return parsed ? parsed->host() : address;
}

std::optional<std::uint64_t> process_rss(pid_t pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return std::nullopt;
  return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

std::optional<std::uint64_t> slot_rss(const SlotView& slot) {
  if (slot.pid)
    if (auto rss = process_rss(*slot.pid)) return rss;
  return slot.reported_rss;
}

ops::StatusReport status_report(const ClusterSnapshot& snapshot, const ops::ChainHead& head, Clock::time_point now,
                                const std::function<std::optional<std::uint64_t>(const SlotView&)>& rss) {
  ops::StatusReport report;
  report.head = head;
  for (const SlotView& s : snapshot.slots) {
    ops::SlotStatus row;
    row.slot = s.slot;
    row.core = s.core;
    row.address = s.address;
    row.host = address_host(s.address);
    row.state = worker_state(s.phase);
    row.backend = s.backend;
    row.proofs_accepted = s.counters.proofs_accepted;
    row.proofs_invalid = s.counters.proofs_invalid;
    row.restarts = s.counters.restarts;
    if (s.last_proof_at) row.last_proof_age_seconds = seconds(now - *s.last_proof_at);
    if (s.counters.proofs_accepted > 0)
      row.mean_prove_seconds = static_cast<double>(s.counters.prove_time_us) / 1e6 /
                               static_cast<double>(s.counters.proofs_accepted);
    row.resident_memory_bytes = rss(s);
    if (s.paused && s.paused_until && now < *s.paused_until) row.paused_for_seconds = seconds(*s.paused_until - now);
    report.slots.push_back(std::move(row));
  }
  return report;
}

}  // namespace proofgrid::control
