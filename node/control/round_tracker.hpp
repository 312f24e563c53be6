#pragma once
// Who proves which position of one round, and what happens when that fails. Pure logic on
// a caller-supplied clock: the round driver feeds it answers, verification results and the
// time, and sends the dispatches it returns.
//
// Position j of a round belongs to its owner (the worker of the j-th slot in the round), and
// every worker proves one position at a time. Rules:
//  - an idle owner takes its own position first;
//  - a pending position whose owner cannot take it (link down, starting, paused, busy, or it
//    failed that position) goes to another idle worker: the slot index is in the seed, so
//    any worker can prove any position;
//  - a worker that failed a position (error answer, invalid proof, timeout) is excluded from
//    that position while another ready worker exists; with none, it is retried (never a
//    deadlock on a one-worker cluster);
//  - a job unanswered after the prove timeout is abandoned: the driver cancels it and the
//    position is pending again; a late answer to an abandoned job is ignored.
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

namespace proofgrid::control {

using WorkerId = std::size_t;  // the slot index of the worker's link

struct WorkerAvailability {
  WorkerId worker = 0;
  bool ready = false;  // link ready and not paused
  bool idle = false;   // ready and holding no job (of this round or an abandoned one)
};

class RoundTracker {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  struct Dispatch {
    std::size_t position = 0;
    WorkerId worker = 0;
    std::uint64_t job_id = 0;
  };
  struct Abandoned {
    std::size_t position = 0;
    WorkerId worker = 0;
    std::uint64_t job_id = 0;
  };
  struct Answered {
    std::size_t position = 0;
    WorkerId worker = 0;
  };

  // owners[j] is position j's own worker. Job ids start at first_job_id and increase.
  RoundTracker(std::vector<WorkerId> owners, std::chrono::milliseconds prove_timeout,
               std::uint64_t first_job_id);

  // The jobs to send now, given every worker's availability. Each listed idle worker gets at
  // most one; the driver must treat those workers as busy until they answer.
  std::vector<Dispatch> dispatch(const std::vector<WorkerAvailability>& workers, TimePoint now);

  // A proof arrived for `job_id`: its position now awaits verification. nullopt when the job
  // is not current (abandoned, or from an earlier round).
  std::optional<Answered> on_proof(std::uint64_t job_id);
  // The job failed (an error answer or a lost link). `exclude`: count it against that worker
  // for this position (false for a link that was merely not connected). nullopt: not current.
  std::optional<Answered> on_failure(std::uint64_t job_id, bool exclude);
  // The verification of a position's proof finished.
  void on_verified(std::size_t position, bool valid);

  // Jobs past their deadline: abandoned, their positions pending again.
  std::vector<Abandoned> expire(TimePoint now);
  // The earliest deadline of a job in flight.
  std::optional<TimePoint> next_deadline() const;

  // Whether any position waits for a worker: without one, dispatch() has nothing to send, and
  // the driver skips gathering every worker's availability (O(workers) per event).
  bool has_pending() const;
  bool complete() const { return done_ == owners_.size(); }
  std::size_t size() const { return owners_.size(); }
  std::size_t done() const { return done_; }
  WorkerId owner(std::size_t position) const { return owners_.at(position); }
  // The worker whose proof of `position` was accepted (valid once the position is done),
  // how many jobs the position took, and when its last job was sent.
  WorkerId prover(std::size_t position) const { return positions_.at(position).worker; }
  unsigned attempts(std::size_t position) const { return positions_.at(position).attempts; }
  TimePoint sent(std::size_t position) const { return positions_.at(position).sent; }
  std::uint64_t next_job_id() const { return next_job_; }

 private:
  enum class Stage { pending, in_flight, verifying, done };
  struct Position {
    Stage stage = Stage::pending;
    WorkerId worker = 0;  // in flight on / verifying from / proved by
    std::uint64_t job_id = 0;
    TimePoint sent{};
    TimePoint deadline{};
    unsigned attempts = 0;
    std::set<WorkerId> excluded;
  };
  void assign(std::size_t position, WorkerId worker, TimePoint now, std::vector<Dispatch>& out);
  // Forgets a current job; its position, or nullopt if the job is not current.
  std::optional<std::size_t> take(std::uint64_t job_id);

  std::vector<WorkerId> owners_;
  std::chrono::milliseconds timeout_;
  std::uint64_t next_job_;
  std::vector<Position> positions_;
  std::unordered_map<std::uint64_t, std::size_t> jobs_;  // current job -> position
  std::size_t done_ = 0;
};

}  // namespace proofgrid::control
