#include "node/control/round_driver.hpp"

#include <sys/resource.h>

#include <algorithm>

#include <fmt/format.h>

namespace proofgrid::control {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using transport::FailureCode;

microseconds process_cpu() {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
  auto us = [](const timeval& t) { return microseconds(t.tv_sec * 1000000LL + t.tv_usec); };
  return us(ru.ru_utime) + us(ru.ru_stime);
}

double secs(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Failures that say nothing about the worker's ability to prove (its link was not up, or we
// cancelled it): they do not count against it for that position.
bool blames_worker(FailureCode code) {
  return code != FailureCode::not_connected && code != FailureCode::connection_lost &&
         code != FailureCode::cancelled;
}

}  // namespace

struct RoundDriver::Round {
  std::uint64_t seq = 0;
  RoundWork work;
  std::vector<std::size_t> slots;  // position j belongs to the worker of slots[j]
  RoundTracker tracker;
  std::vector<vdf::Output> received;  // the latest proof per position, while it is verified
  std::vector<vdf::Output> outputs;   // accepted proofs
  std::vector<microseconds> prove_time;
  std::vector<Clock::time_point> accepted_at;
  Clock::time_point started{};
  Clock::time_point last_proof{};
  Clock::time_point last_verified{};
  Clock::time_point last_status{};
  microseconds cpu_before{0};

  Round(std::uint64_t s, RoundWork w, std::vector<std::size_t> owners, milliseconds timeout, std::uint64_t job)
      : seq(s),
        work(std::move(w)),
        slots(owners),
        tracker(std::move(owners), timeout, job),
        received(slots.size()),
        outputs(slots.size()),
        prove_time(slots.size()),
        accepted_at(slots.size()) {}
};

RoundDriver::RoundDriver(ChainGlue& chain, WorkerLinks& links, ClusterState& state, ProofVerifier& verifier,
                         RoundDriverOptions options, std::shared_ptr<spdlog::logger> logger)
    : chain_(chain), links_(links), state_(state), verifier_(verifier), options_(std::move(options)), log_(std::move(logger)) {}

void RoundDriver::push(Event e) {
  {
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(e));
  }
  wake_.notify_one();
}

void RoundDriver::post(LinkEvent event) { push(std::move(event)); }

void RoundDriver::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  push(Stop{});
}

std::optional<RoundDriver::Event> RoundDriver::wait_event(Clock::time_point until) {
  std::unique_lock lock(mutex_);
  if (!wake_.wait_until(lock, until, [this] { return !events_.empty(); })) return std::nullopt;
  Event e = std::move(events_.front());
  events_.pop_front();
  return e;
}

void RoundDriver::forget_workers(const std::vector<WorkerId>& workers) {
  for (WorkerId w : workers) outstanding_.erase(w);
}

std::uint64_t RoundDriver::run() {
  log_->info("chain: {}", chain_.resume_text());
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    if (options_.at_boundary) options_.at_boundary();
    auto slots = state_.next_round_slots(Clock::now());
    if (slots.empty()) {
      // Every slot paused: nothing to prove until one resumes.
      if (auto e = wait_event(Clock::now() + std::chrono::seconds(1)); e && std::holds_alternative<Stop>(*e)) break;
      continue;
    }
    if (!run_round(std::move(slots))) break;
  }
  return completed_;
}

bool RoundDriver::run_round(std::vector<std::size_t> slots) {
  RoundWork work = chain_.next_round(slots.size());
  const milliseconds timeout = options_.prove_timeout(work.difficulty);
  Round r(++round_seq_, std::move(work), std::move(slots), timeout, next_job_id_);
  r.started = r.last_status = Clock::now();
  r.cpu_before = process_cpu();
  verifier_.begin_round(r.seq, r.work.challenges, r.work.difficulty);
  state_.round_started(r.work.increment, r.slots.size());
  while (!r.tracker.complete()) {
    dispatch(r);
    auto until = Clock::now() + milliseconds(250);  // the status line's refresh
    if (auto d = r.tracker.next_deadline()) until = std::min(until, *d);
    if (auto e = wait_event(until)) {
      if (std::holds_alternative<Stop>(*e)) return false;
      if (auto* link = std::get_if<LinkEvent>(&*e)) handle(r, *link);
      if (auto* v = std::get_if<Verified>(&*e)) handle(r, *v);
    }
    expire(r);
    update_status(r);
  }
  finish(r);
  return true;
}

void RoundDriver::dispatch(Round& r) {
  if (!r.tracker.has_pending()) return;  // runs on every event: most find everything in flight
  std::vector<WorkerAvailability> workers;
  for (WorkerId w = 0; w < state_.size(); ++w) {
    const bool ready = state_.accepts_work(w);
    workers.push_back(WorkerAvailability{w, ready, ready && outstanding_[w].empty()});
  }
  for (const auto& d : r.tracker.dispatch(workers, Clock::now())) {
    outstanding_[d.worker].insert(d.job_id);
    state_.job_sent(d.worker);
    if (d.worker != r.slots[d.position])
      log_->debug("round {}: slot {}'s proof goes to {} (its own worker {} cannot take it)", r.work.increment,
                 d.position, links_.label(d.worker), links_.label(r.slots[d.position]));
    links_.request(d.worker, transport::ProveRequest{d.job_id, r.work.increment, static_cast<std::uint32_t>(d.position),
                                                     r.work.challenges[d.position], r.work.difficulty});
  }
  next_job_id_ = r.tracker.next_job_id();
}

void RoundDriver::handle(Round& r, const LinkEvent& e) {
  if (e.kind != LinkEvent::Kind::proof && e.kind != LinkEvent::Kind::failed) return;  // ready/down: re-dispatch
  if (outstanding_[e.worker].erase(e.job_id)) state_.job_answered(e.worker);
  if (e.kind == LinkEvent::Kind::proof) {
    auto answered = r.tracker.on_proof(e.job_id);
    if (!answered) return;  // abandoned or from an earlier round
    const std::size_t j = answered->position;
    r.received[j] = e.output;
    r.prove_time[j] = e.prove_time;
    r.last_proof = Clock::now();
    verifier_.verify(r.seq, j, e.output, [this, seq = r.seq, j, w = e.worker](bool valid) {
      push(Verified{seq, j, w, valid});
    });
    return;
  }
  auto answered = r.tracker.on_failure(e.job_id, blames_worker(e.code));
  if (!answered) return;
  state_.job_failed(e.worker, e.reason);
  log_->warn("round {}: slot {}'s proof failed on {}: {}: {}; reassigning", r.work.increment, answered->position,
             links_.label(e.worker), transport::failure_code_name(e.code), e.reason);
}

void RoundDriver::handle(Round& r, const Verified& v) {
  if (v.round != r.seq) return;
  r.tracker.on_verified(v.position, v.valid);
  if (v.valid) {
    r.outputs[v.position] = r.received[v.position];
    r.last_verified = r.accepted_at[v.position] = Clock::now();
    state_.proof_accepted(v.worker, r.prove_time[v.position]);
    if (options_.on_proof_accepted) options_.on_proof_accepted(v.worker, secs(r.last_verified - r.tracker.sent(v.position)));
    state_.round_progress(r.tracker.done());
  } else {
    state_.proof_invalid(v.worker);
    log_->error("round {}: slot {}'s proof from {} is INVALID (VDF verification failed); it does not enter "
                "the chain and another worker recomputes it",
                r.work.increment, v.position, links_.label(v.worker));
  }
}

void RoundDriver::expire(Round& r) {
  for (const auto& a : r.tracker.expire(Clock::now())) {
    links_.cancel(a.worker, a.job_id);
    state_.job_timed_out(a.worker);
    log_->warn("round {}: {} did not prove slot {} within engine.proveTimeout ({:.0f} s); cancelled, reassigning",
               r.work.increment, links_.label(a.worker), a.position,
               secs(options_.prove_timeout(r.work.difficulty)));
  }
}

std::vector<ProofOrigin> RoundDriver::origins(const Round& r) const {
  std::vector<ProofOrigin> out;
  for (std::size_t j = 0; j < r.slots.size(); ++j) {
    const WorkerId w = r.tracker.prover(j);
    const SlotView who = state_.slot(w);
    out.push_back(ProofOrigin{w, who.core, who.address, secs(r.accepted_at[j] - r.tracker.sent(j)),
                              r.tracker.attempts(j), w != r.slots[j]});
  }
  return out;
}

void RoundDriver::finish(Round& r) {
  const RoundOutcome outcome = chain_.finish_round(r.work, r.outputs, origins(r));
  const auto now = Clock::now();
  RoundSummary s;
  s.increment = r.work.increment;
  s.p = r.slots.size();
  s.poly_size = outcome.poly_size;
  s.difficulty = r.work.difficulty;
  s.duration = duration_cast<milliseconds>(now - r.started);
  std::string moved;  // "slot 1 to --core 3, …": which positions another worker proved
  for (std::size_t j = 0; j < s.p; ++j) {
    if (r.prove_time[j] >= s.slowest_prove_time) {
      s.slowest_prove_time = r.prove_time[j];
      s.slowest_position = j;
    }
    if (r.tracker.prover(j) == r.slots[j]) continue;
    if (++s.reassigned <= 6)
      moved += fmt::format("{}slot {} to --core {}", moved.empty() ? "" : ", ", j, state_.slot(r.tracker.prover(j)).core);
    else if (s.reassigned == 7)
      moved += ", …";
  }
  s.slowest_worker = r.tracker.prover(s.slowest_position);
  s.verify_cpu = duration_cast<milliseconds>(verifier_.round_cpu());
  s.verify_tail = duration_cast<milliseconds>(std::max(r.last_verified, r.last_proof) - r.last_proof);
  s.control_cpu = duration_cast<milliseconds>(process_cpu() - r.cpu_before);
  state_.round_finished(s);
  if (options_.on_round_finished) options_.on_round_finished(s);
  ++completed_;
  log_->info("round {}: P={} N={} T={} in {:.2f} s; slowest slot {} {:.2f} s on {}; {} reassigned{}; verify {} ms cpu, "
             "last proof verified {} ms after it arrived; control {} ms cpu{}",
             s.increment, s.p, s.poly_size, s.difficulty, secs(s.duration), s.slowest_position,
             secs(s.slowest_prove_time), links_.label(s.slowest_worker), s.reassigned,
             moved.empty() ? std::string() : " (" + moved + ")", s.verify_cpu.count(),
             s.verify_tail.count(), s.control_cpu.count(),
             outcome.record_stored ? fmt::format("; record {} stored", s.increment - 1) : std::string());
}

void RoundDriver::update_status(Round& r) {
  if (!options_.on_status) return;
  const auto now = Clock::now();
  if (now - r.last_status < milliseconds(200)) return;
  const auto snap = state_.snapshot();
  std::string text = fmt::format("round {} · {}/{} proofs · {:.1f} s · workers {}/{} ready", r.work.increment,
                                 r.tracker.done(), r.slots.size(), secs(now - r.started), snap.ready_workers(),
                                 snap.slots.size());
  if (snap.last_round) text += fmt::format(" · last round {:.2f} s", secs(snap.last_round->duration));
  options_.on_status(std::move(text));
  r.last_status = now;
}

}  // namespace proofgrid::control
