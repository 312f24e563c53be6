#include "node/control/round_tracker.hpp"

#include <algorithm>

namespace proofgrid::control {

RoundTracker::RoundTracker(std::vector<WorkerId> owners, std::chrono::milliseconds prove_timeout,
                           std::uint64_t first_job_id)
    : owners_(std::move(owners)), timeout_(prove_timeout), next_job_(first_job_id), positions_(owners_.size()) {}

void RoundTracker::assign(std::size_t position, WorkerId worker, TimePoint now, std::vector<Dispatch>& out) {
  Position& p = positions_[position];
  p.stage = Stage::in_flight;
  p.worker = worker;
  p.job_id = next_job_++;
  p.sent = now;
  p.deadline = now + timeout_;
  ++p.attempts;
  jobs_[p.job_id] = position;
  out.push_back(Dispatch{position, worker, p.job_id});
}

std::vector<RoundTracker::Dispatch> RoundTracker::dispatch(const std::vector<WorkerAvailability>& workers,
                                                           TimePoint now) {
  std::vector<Dispatch> out;
  std::vector<WorkerId> idle;
  std::set<WorkerId> ready;
  for (const auto& w : workers) {
    if (w.ready) ready.insert(w.worker);
    if (w.ready && w.idle) idle.push_back(w.worker);
  }
  if (idle.empty()) return out;

  // Pass 1: every idle owner takes its own pending position.
  std::set<WorkerId> taken;
  std::unordered_map<WorkerId, std::size_t> own;
  for (std::size_t j = 0; j < positions_.size(); ++j)
    if (positions_[j].stage == Stage::pending) own.emplace(owners_[j], j);
  for (WorkerId w : idle) {
    auto it = own.find(w);
    if (it == own.end() || positions_[it->second].excluded.count(w)) continue;
    assign(it->second, w, now, out);
    taken.insert(w);
  }

  // Pass 2: the remaining pending positions go to the remaining idle workers, a worker that
  // failed a position only when no other ready worker is left to prove it.
  std::vector<WorkerId> free;
  for (WorkerId w : idle)
    if (!taken.count(w)) free.push_back(w);
  for (std::size_t j = 0; j < positions_.size() && !free.empty(); ++j) {
    Position& p = positions_[j];
    if (p.stage != Stage::pending) continue;
    auto pick = std::find_if(free.begin(), free.end(), [&](WorkerId w) { return !p.excluded.count(w); });
    if (pick == free.end()) {
      const bool someone_else = std::any_of(ready.begin(), ready.end(), [&](WorkerId w) { return !p.excluded.count(w); });
      if (someone_else) continue;  // a ready worker that has not failed it will be free soon
      pick = free.begin();
    }
    assign(j, *pick, now, out);
    free.erase(pick);
  }
  return out;
}

std::optional<std::size_t> RoundTracker::take(std::uint64_t job_id) {
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return std::nullopt;
  const std::size_t j = it->second;
  jobs_.erase(it);
  return j;
}

std::optional<RoundTracker::Answered> RoundTracker::on_proof(std::uint64_t job_id) {
  auto j = take(job_id);
  if (!j) return std::nullopt;
  positions_[*j].stage = Stage::verifying;
  return Answered{*j, positions_[*j].worker};
}

std::optional<RoundTracker::Answered> RoundTracker::on_failure(std::uint64_t job_id, bool exclude) {
  auto j = take(job_id);
  if (!j) return std::nullopt;
  Position& p = positions_[*j];
  p.stage = Stage::pending;
  if (exclude) p.excluded.insert(p.worker);
  return Answered{*j, p.worker};
}

void RoundTracker::on_verified(std::size_t position, bool valid) {
  Position& p = positions_.at(position);
  if (p.stage != Stage::verifying) return;
  if (valid) {
    p.stage = Stage::done;
    ++done_;
  } else {
    p.stage = Stage::pending;
    p.excluded.insert(p.worker);
  }
}

std::vector<RoundTracker::Abandoned> RoundTracker::expire(TimePoint now) {
  std::vector<Abandoned> out;
  for (std::size_t j = 0; j < positions_.size(); ++j) {
    Position& p = positions_[j];
    if (p.stage != Stage::in_flight || p.deadline > now) continue;
    jobs_.erase(p.job_id);
    out.push_back(Abandoned{j, p.worker, p.job_id});
    p.stage = Stage::pending;
    p.excluded.insert(p.worker);
  }
  return out;
}

bool RoundTracker::has_pending() const {
  return std::any_of(positions_.begin(), positions_.end(), [](const Position& p) { return p.stage == Stage::pending; });
}

std::optional<RoundTracker::TimePoint> RoundTracker::next_deadline() const {
  std::optional<TimePoint> first;
  for (const auto& p : positions_)
    if (p.stage == Stage::in_flight && (!first || p.deadline < *first)) first = p.deadline;
  return first;
}

}  // namespace proofgrid::control
