#include "node/control/cluster_state.hpp"

#include <algorithm>
#include <stdexcept>

namespace proofgrid::control {
namespace {

SlotPhase derive_phase(const SlotView& s) {
  if (s.process == ProcessPhase::crash_loop) return SlotPhase::crash_loop;
  if (s.paused) return SlotPhase::paused;
  if (s.link_ready) return s.jobs_in_flight > 0 ? SlotPhase::busy : SlotPhase::ready;
  // Not ready: a local worker that is running (or an external one we have not reached yet)
  // is starting until its link fails; after a failure or an exit it is dead.
  if (s.process == ProcessPhase::restarting || s.process == ProcessPhase::stopped) return SlotPhase::dead;
  return s.detail.empty() ? SlotPhase::starting : SlotPhase::dead;
}

}  // namespace

const char* slot_phase_name(SlotPhase phase) {
  switch (phase) {
    case SlotPhase::starting: return "starting";
    case SlotPhase::ready: return "ready";
    case SlotPhase::busy: return "busy";
    case SlotPhase::paused: return "paused";
    case SlotPhase::dead: return "dead";
    case SlotPhase::crash_loop: return "crash-loop";
  }
  return "unknown";
}

const char* process_phase_name(ProcessPhase phase) {
  switch (phase) {
    case ProcessPhase::external: return "external";
    case ProcessPhase::running: return "running";
    case ProcessPhase::restarting: return "restarting";
    case ProcessPhase::crash_loop: return "crash-loop";
    case ProcessPhase::stopped: return "stopped";
  }
  return "unknown";
}

std::size_t ClusterSnapshot::ready_workers() const {
  return static_cast<std::size_t>(std::count_if(slots.begin(), slots.end(), [](const SlotView& s) {
    return s.phase == SlotPhase::ready || s.phase == SlotPhase::busy;
  }));
}

ClusterState::ClusterState(const config::SlotTable& table, bool local_workers,
                           std::chrono::milliseconds pause_max_duration)
    : pause_max_(pause_max_duration) {
  const auto now = Clock::now();
  for (const auto& slot : table.slots) {
    SlotView v;
    v.slot = slot.index;
    v.core = slot.core;
    v.address = slot.address.text();
    v.process = local_workers ? ProcessPhase::restarting : ProcessPhase::external;
    v.phase = SlotPhase::starting;
    v.phase_since = now;
    slots_.push_back(std::move(v));
  }
}

template <class F>
void ClusterState::update(std::size_t slot, F&& change) {
  std::lock_guard lock(mutex_);
  SlotView& s = slots_.at(slot);
  change(s);
  const SlotPhase phase = derive_phase(s);
  if (phase != s.phase) {
    s.phase = phase;
    s.phase_since = Clock::now();
  }
}

ClusterSnapshot ClusterState::snapshot() const {
  std::lock_guard lock(mutex_);
  return ClusterSnapshot{slots_, round_, last_round_, rounds_completed_};
}

SlotView ClusterState::slot(std::size_t slot) const {
  std::lock_guard lock(mutex_);
  return slots_.at(slot);
}

std::vector<std::size_t> ClusterState::next_round_slots(Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  std::vector<std::size_t> members;
  for (const auto& s : slots_) {
    const bool paused_out = s.paused && s.paused_since && now - *s.paused_since < pause_max_;
    if (!paused_out) members.push_back(s.slot);
  }
  return members;
}

bool ClusterState::accepts_work(std::size_t slot) const {
  std::lock_guard lock(mutex_);
  const SlotView& s = slots_.at(slot);
  return s.link_ready && !s.paused;
}

void ClusterState::process_started(std::size_t slot, pid_t pid, bool restart) {
  update(slot, [&](SlotView& s) {
    if (s.process != ProcessPhase::crash_loop) s.process = ProcessPhase::running;
    s.pid = pid;
    s.detail.clear();
    if (restart) ++s.counters.restarts;
  });
}

void ClusterState::process_ended(std::size_t slot, const std::string& why, bool crash_loop) {
  update(slot, [&](SlotView& s) {
    if (s.process != ProcessPhase::stopped)
      s.process = crash_loop ? ProcessPhase::crash_loop : ProcessPhase::restarting;
    s.pid.reset();
    s.detail = why;
  });
}

void ClusterState::process_stable(std::size_t slot) {
  update(slot, [&](SlotView& s) {
    if (s.process == ProcessPhase::crash_loop) s.process = ProcessPhase::running;
  });
}

void ClusterState::processes_stopping() {
  std::lock_guard lock(mutex_);
  for (auto& s : slots_)
    if (s.process != ProcessPhase::external) s.process = ProcessPhase::stopped;
}

void ClusterState::link_ready(std::size_t slot) {
  update(slot, [&](SlotView& s) {
    s.link_ready = true;
    s.detail.clear();
  });
}

void ClusterState::link_down(std::size_t slot, const std::string& why) {
  update(slot, [&](SlotView& s) {
    if (s.link_ready) ++s.counters.link_losses;
    s.link_ready = false;
    s.jobs_in_flight = 0;
    s.detail = why;
  });
}

void ClusterState::job_sent(std::size_t slot) {
  update(slot, [](SlotView& s) { ++s.jobs_in_flight; });
}

void ClusterState::job_answered(std::size_t slot) {
  update(slot, [](SlotView& s) {
    if (s.jobs_in_flight > 0) --s.jobs_in_flight;
  });
}

void ClusterState::proof_accepted(std::size_t slot, std::chrono::microseconds prove_time) {
  update(slot, [&](SlotView& s) {
    ++s.counters.proofs_accepted;
    s.last_prove_time = prove_time;
  });
}

void ClusterState::proof_invalid(std::size_t slot) {
  update(slot, [](SlotView& s) { ++s.counters.proofs_invalid; });
}

void ClusterState::job_timed_out(std::size_t slot) {
  update(slot, [](SlotView& s) { ++s.counters.timeouts; });
}

void ClusterState::job_failed(std::size_t slot, const std::string& why) {
  update(slot, [&](SlotView& s) {
    ++s.counters.failures;
    s.detail = why;
  });
}

void ClusterState::set_paused(std::size_t slot, bool paused) {
  update(slot, [&](SlotView& s) {
    if (paused && !s.paused) s.paused_since = Clock::now();
    if (!paused) s.paused_since.reset();
    s.paused = paused;
  });
}

void ClusterState::round_started(std::uint64_t increment, std::size_t p) {
  std::lock_guard lock(mutex_);
  round_ = RoundView{increment, p, 0, Clock::now()};
}

void ClusterState::round_progress(std::size_t accepted) {
  std::lock_guard lock(mutex_);
  if (round_) round_->accepted = accepted;
}

void ClusterState::round_finished(const RoundSummary& summary) {
  std::lock_guard lock(mutex_);
  round_.reset();
  last_round_ = summary;
  ++rounds_completed_;
}

}  // namespace proofgrid::control
