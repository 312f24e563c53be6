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
    : local_workers_(local_workers), pause_max_(pause_max_duration) {
  for (const auto& slot : table.slots) slots_.push_back(fresh_slot(slot, local_workers));
}

SlotView ClusterState::fresh_slot(const config::Slot& slot, bool local_workers) {
  SlotView v;
  v.slot = slot.index;
  v.core = slot.core;
  v.address = slot.address.text();
  v.process = local_workers ? ProcessPhase::restarting : ProcessPhase::external;
  v.phase = SlotPhase::starting;
  v.phase_since = Clock::now();
  return v;
}

bool ClusterState::pause_active(const SlotView& s, Clock::time_point now) const {
  return s.paused && s.paused_until && now < *s.paused_until;
}

template <class F>
void ClusterState::update(std::size_t slot, F&& change) {
  std::lock_guard lock(mutex_);
  // An event can trail a slot that a reload removed (its link stopping): nothing to update.
  if (slot >= slots_.size()) return;
  SlotView& s = slots_[slot];
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
  for (const auto& s : slots_)
    if (!pause_active(s, now)) members.push_back(s.slot);
  return members;
}

bool ClusterState::accepts_work(std::size_t slot) const {
  std::lock_guard lock(mutex_);
  if (slot >= slots_.size()) return false;
  const SlotView& s = slots_[slot];
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
    if (!s.link_ready) ++s.counters.connects;
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
    s.counters.prove_time_us += static_cast<std::uint64_t>(prove_time.count());
    s.last_prove_time = prove_time;
    s.last_proof_at = Clock::now();
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

void ClusterState::worker_info(std::size_t slot, const std::string& backend, std::optional<std::uint64_t> rss) {
  update(slot, [&](SlotView& s) {
    if (!backend.empty()) s.backend = backend;
    if (rss) s.reported_rss = rss;
  });
}

void ClusterState::set_paused(std::size_t slot, bool paused, std::optional<std::chrono::milliseconds> length) {
  const auto now = Clock::now();
  const auto span = length ? std::min(*length, pause_max_) : pause_max_;
  update(slot, [&](SlotView& s) {
    if (paused && !s.paused) s.paused_since = now;
    s.paused_until = paused ? std::optional(now + span) : std::nullopt;
    if (!paused) s.paused_since.reset();
    s.paused = paused;
  });
}

bool ClusterState::pause_unless_last(std::size_t slot, std::optional<std::chrono::milliseconds> length) {
  {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    const bool other_active = std::any_of(slots_.begin(), slots_.end(), [&](const SlotView& s) {
      return s.slot != slot && !pause_active(s, now);
    });
    if (!other_active) return false;
  }
  // Between the check and the pause only another pause could interleave; the admin socket
  // answers one request at a time, so it cannot.
  set_paused(slot, true, length);
  return true;
}

std::vector<ClusterState::EndedPause> ClusterState::end_expired_pauses(Clock::time_point now) {
  std::vector<EndedPause> ended;
  {
    std::lock_guard lock(mutex_);
    for (const auto& s : slots_)
      if (s.paused && !pause_active(s, now))
        ended.push_back({s.slot, s.paused_since && s.paused_until
                                     ? std::chrono::duration_cast<std::chrono::milliseconds>(*s.paused_until - *s.paused_since)
                                     : pause_max_});
  }
  for (const auto& e : ended) set_paused(e.slot, false);
  return ended;
}

TableChange ClusterState::plan_locked(const config::SlotTable& table) const {
  TableChange change;
  for (const auto& slot : table.slots) {
    if (slot.index < slots_.size() && slots_[slot.index].address == slot.address.text()) {
      change.kept.push_back(slot.index);
    } else {
      if (slot.index < slots_.size()) change.removed.push_back(slot.index);
      change.added.push_back(slot.index);
    }
  }
  for (std::size_t i = table.slots.size(); i < slots_.size(); ++i) change.removed.push_back(i);
  return change;
}

TableChange ClusterState::plan_table(const config::SlotTable& table) const {
  std::lock_guard lock(mutex_);
  return plan_locked(table);
}

TableChange ClusterState::apply_table(const config::SlotTable& table) {
  std::lock_guard lock(mutex_);
  TableChange change = plan_locked(table);
  std::vector<SlotView> next;
  for (const auto& slot : table.slots) {
    const bool kept = std::find(change.kept.begin(), change.kept.end(), slot.index) != change.kept.end();
    next.push_back(kept ? std::move(slots_[slot.index]) : fresh_slot(slot, local_workers_));
    next.back().core = slot.core;
  }
  slots_ = std::move(next);
  return change;
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
