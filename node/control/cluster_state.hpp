#pragma once
// The control process's model of its cluster: per slot, where its worker stands (process,
// link, work, pause) and its counters; per round, its progress; and the one decision of which
// slots make up the next round. Every part of the control writes here through the event
// methods, and anything that reports or steers the cluster (logs, the status line, issue 7's
// status/pause/metrics commands) reads consistent copies through snapshot(). Thread-safe.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "node/config/slots.hpp"

namespace proofgrid::control {

using Clock = std::chrono::steady_clock;

// What an operator sees for a slot's worker, derived from the facts below in this order:
// crash_loop, paused, dead, starting, busy, ready.
enum class SlotPhase { starting, ready, busy, paused, dead, crash_loop };
const char* slot_phase_name(SlotPhase phase);

enum class ProcessPhase {
  external,    // started by the operator (engine.dataWorkerMultiaddrs): no process here
  running,     // spawned by this control process
  restarting,  // ended or failed to spawn; waiting out its backoff
  crash_loop,  // ended too often lately; still retried, at the longest backoff
  stopped,     // the control is shutting down
};
const char* process_phase_name(ProcessPhase phase);

struct SlotCounters {
  std::uint64_t proofs_accepted = 0;  // verified proofs this worker delivered, any slot
  std::uint64_t proofs_invalid = 0;   // proofs that failed verification
  std::uint64_t timeouts = 0;         // jobs it did not answer within engine.proveTimeout
  std::uint64_t failures = 0;         // jobs it answered with a failure, or lost with its link
  std::uint64_t restarts = 0;         // spawns after the first (local workers)
  std::uint64_t link_losses = 0;      // times a ready link went down
  std::uint64_t prove_time_us = 0;    // summed worker prove times of the accepted proofs
  std::uint64_t connects = 0;         // times its link became ready (reconnects: all but one)
};

struct SlotView {
  std::size_t slot = 0;
  unsigned core = 0;
  std::string address;
  SlotPhase phase = SlotPhase::starting;
  ProcessPhase process = ProcessPhase::external;
  std::optional<pid_t> pid;  // while a local worker runs
  bool link_ready = false;
  std::string detail;        // the latest reason: link loss, exit status, self-test failure
  unsigned jobs_in_flight = 0;
  bool paused = false;
  std::optional<Clock::time_point> paused_since;
  std::optional<Clock::time_point> paused_until;  // the pause ends by itself then
  Clock::time_point phase_since{};
  std::optional<std::chrono::microseconds> last_prove_time;
  std::optional<Clock::time_point> last_proof_at;  // the latest accepted proof
  std::string backend;                 // as the worker reported it (Hello, stats)
  std::optional<std::uint64_t> reported_rss;  // the worker's last stats message
  SlotCounters counters;
};

// What apply_table() changed, by slot index: a slot keeps its link, process and counters
// only when its index and address are both unchanged.
struct TableChange {
  std::vector<std::size_t> kept;
  std::vector<std::size_t> added;    // new indices, or indices whose address changed
  std::vector<std::size_t> removed;  // old indices past the new end, or whose address changed
  bool changed() const { return !added.empty() || !removed.empty(); }
};

struct RoundView {
  std::uint64_t increment = 0;
  std::size_t p = 0;             // positions in the round
  std::size_t accepted = 0;      // verified so far
  Clock::time_point started{};
};

struct RoundSummary {
  std::uint64_t increment = 0;
  std::size_t p = 0;
  std::size_t poly_size = 0;
  std::uint32_t difficulty = 0;
  std::chrono::milliseconds duration{0};
  std::size_t slowest_position = 0;
  std::size_t slowest_worker = 0;     // slot index of the worker that proved it
  std::chrono::microseconds slowest_prove_time{0};
  std::size_t reassigned = 0;         // positions proved by a worker other than their own
  std::chrono::milliseconds verify_cpu{0};  // discriminants + verification, summed over threads
  std::chrono::milliseconds verify_tail{0}; // last proof arrived -> last proof verified
  std::chrono::milliseconds control_cpu{0}; // the whole control process during the round
};

struct ClusterSnapshot {
  std::vector<SlotView> slots;
  std::optional<RoundView> round;        // the round in progress
  std::optional<RoundSummary> last_round;
  std::uint64_t rounds_completed = 0;    // by this process
  std::size_t ready_workers() const;
};

class ClusterState {
 public:
  ClusterState(const config::SlotTable& table, bool local_workers,
               std::chrono::milliseconds pause_max_duration);

  ClusterSnapshot snapshot() const;
  SlotView slot(std::size_t slot) const;
  std::size_t size() const { return slots_.size(); }

  // The slots whose positions make up the next round, in position order: every slot except
  // those paused for less than engine.pauseMaxDuration. Dead, starting and crash-looping
  // workers' slots stay in (other workers prove them), so P, and with it the chain, does
  // not depend on which workers happen to be up.
  std::vector<std::size_t> next_round_slots(Clock::time_point now) const;

  // Whether `slot`'s worker can take a job now (link ready, not paused).
  bool accepts_work(std::size_t slot) const;

  // Supervisor events (local workers).
  void process_started(std::size_t slot, pid_t pid, bool restart);
  void process_ended(std::size_t slot, const std::string& why, bool crash_loop);
  void process_stable(std::size_t slot);  // ran long enough: out of crash loop
  void processes_stopping();
  // Link events.
  void link_ready(std::size_t slot);
  void link_down(std::size_t slot, const std::string& why);
  // Work events.
  void job_sent(std::size_t slot);
  void job_answered(std::size_t slot);
  void proof_accepted(std::size_t slot, std::chrono::microseconds prove_time);
  void proof_invalid(std::size_t slot);
  void job_timed_out(std::size_t slot);
  void job_failed(std::size_t slot, const std::string& why);
  // What the worker reported about itself (Hello: backend; stats: backend and RSS).
  void worker_info(std::size_t slot, const std::string& backend, std::optional<std::uint64_t> rss);
  // Operator (issue 7): a paused worker gets no work and its slot leaves the next round
  // until it resumes or its pause ends: after `length`, at most engine.pauseMaxDuration
  // (also the length when none is given).
  void set_paused(std::size_t slot, bool paused, std::optional<std::chrono::milliseconds> length = std::nullopt);
  // set_paused(slot, true, length) unless every other slot is paused now: a round needs at
  // least one slot. False when refused.
  bool pause_unless_last(std::size_t slot, std::optional<std::chrono::milliseconds> length);
  // Ends the pauses whose time is up at `now` and returns them (the caller logs them).
  struct EndedPause {
    std::size_t slot = 0;
    std::chrono::milliseconds length{0};  // how long it was paused for
    bool operator==(const EndedPause&) const = default;
  };
  std::vector<EndedPause> end_expired_pauses(Clock::time_point now);
  std::chrono::milliseconds pause_max() const { return pause_max_; }
  // What apply_table(table) would change (see TableChange for what a slot keeps).
  TableChange plan_table(const config::SlotTable& table) const;
  // A reloaded slot table, applied between rounds; returns plan_table(table).
  TableChange apply_table(const config::SlotTable& table);
  // Rounds.
  void round_started(std::uint64_t increment, std::size_t p);
  void round_progress(std::size_t accepted);
  void round_finished(const RoundSummary& summary);

 private:
  // Runs `change` on the slot under the lock, then re-derives its phase.
  template <class F>
  void update(std::size_t slot, F&& change);

  static SlotView fresh_slot(const config::Slot& slot, bool local_workers);
  TableChange plan_locked(const config::SlotTable& table) const;
  bool pause_active(const SlotView& s, Clock::time_point now) const;

  mutable std::mutex mutex_;
  bool local_workers_;
  std::vector<SlotView> slots_;
  std::chrono::milliseconds pause_max_;
  std::optional<RoundView> round_;
  std::optional<RoundSummary> last_round_;
  std::uint64_t rounds_completed_ = 0;
};

}  // namespace proofgrid::control
