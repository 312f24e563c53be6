// The round driver's dispatch and reassignment rules (RoundTracker) on a hand-driven test clock, with
// workers described by their availability: own positions first, stealing for workers that
// cannot take theirs, failed positions to other workers, timeouts, stale answers.
#include <catch2/catch.hpp>

#include <algorithm>

#include "node/control/round_tracker.hpp"

using namespace proofgrid::control;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

using Dispatches = std::vector<RoundTracker::Dispatch>;
const RoundTracker::TimePoint t0{};

WorkerAvailability idle(WorkerId w) { return {w, true, true}; }
WorkerAvailability busy(WorkerId w) { return {w, true, false}; }
WorkerAvailability down(WorkerId w) { return {w, false, false}; }

const RoundTracker::Dispatch& to(const Dispatches& d, WorkerId w) {
  auto it = std::find_if(d.begin(), d.end(), [&](const auto& x) { return x.worker == w; });
  REQUIRE(it != d.end());
  return *it;
}

// Answers a job with a proof that verifies as `valid`.
void prove(RoundTracker& t, std::uint64_t job, bool valid = true) {
  auto a = t.on_proof(job);
  REQUIRE(a);
  t.on_verified(a->position, valid);
}

}  // namespace

TEST_CASE("every ready worker first proves its own position", "[round][dispatch]") {
  RoundTracker t({0, 1, 2}, seconds(60), 100);
  auto d = t.dispatch({idle(0), idle(1), idle(2)}, t0);
  REQUIRE(d.size() == 3);
  for (WorkerId w = 0; w < 3; ++w) CHECK(to(d, w).position == w);
  CHECK(t.dispatch({busy(0), busy(1), busy(2)}, t0).empty());
  for (const auto& x : d) prove(t, x.job_id);
  CHECK(t.complete());
  for (std::size_t j = 0; j < 3; ++j) CHECK(t.prover(j) == j);
}

TEST_CASE("positions of workers that are down go to workers that finished theirs", "[round][reassign]") {
  RoundTracker t({0, 1, 2}, seconds(60), 1);
  auto first = t.dispatch({idle(0), down(1), down(2)}, t0);
  REQUIRE(first.size() == 1);
  CHECK(first[0].position == 0);
  // Worker 0 is busy: nobody takes 1 or 2 yet (their workers may still come up).
  CHECK(t.dispatch({busy(0), down(1), down(2)}, t0).empty());
  prove(t, first[0].job_id);
  auto second = t.dispatch({idle(0), down(1), down(2)}, t0);
  REQUIRE(second.size() == 1);
  CHECK(second[0].position == 1);
  // Worker 2 came up meanwhile: it takes its own.
  auto third = t.dispatch({busy(0), down(1), idle(2)}, t0);
  REQUIRE(third.size() == 1);
  CHECK(third[0].position == 2);
  prove(t, second[0].job_id);
  prove(t, third[0].job_id);
  CHECK(t.complete());
  CHECK(t.prover(1) == 0);
}

TEST_CASE("a lost link's job is proved by another worker", "[round][reassign]") {
  RoundTracker t({0, 1}, seconds(60), 1);
  auto d = t.dispatch({idle(0), idle(1)}, t0);
  prove(t, to(d, 0).job_id);
  // Worker 1's link went down with its job outstanding.
  auto lost = t.on_failure(to(d, 1).job_id, false);
  REQUIRE(lost);
  CHECK(lost->position == 1);
  auto again = t.dispatch({idle(0), down(1)}, t0);
  REQUIRE(again.size() == 1);
  CHECK(again[0].worker == 0);
  CHECK(again[0].position == 1);
  prove(t, again[0].job_id);
  CHECK(t.complete());
}

TEST_CASE("an invalid proof is recomputed by another worker, not the one that sent it", "[round][reassign]") {
  RoundTracker t({0, 1}, seconds(60), 1);
  auto d = t.dispatch({idle(0), idle(1)}, t0);
  prove(t, to(d, 1).job_id, false);  // worker 1 lies
  CHECK_FALSE(t.complete());
  // Worker 1 is idle but excluded; worker 0 is busy and will be free: wait for it.
  CHECK(t.dispatch({busy(0), idle(1)}, t0).empty());
  prove(t, to(d, 0).job_id);
  auto redo = t.dispatch({idle(0), idle(1)}, t0 + seconds(3));
  REQUIRE(redo.size() == 1);
  CHECK(redo[0].worker == 0);
  CHECK(redo[0].position == 1);
  prove(t, redo[0].job_id);
  CHECK(t.complete());
  CHECK(t.prover(1) == 0);
  CHECK(t.attempts(0) == 1);
  CHECK(t.attempts(1) == 2);
  CHECK(t.sent(0) == t0);
  CHECK(t.sent(1) == t0 + seconds(3));
}

TEST_CASE("with no other ready worker a failed position is retried on the same one", "[round][reassign]") {
  RoundTracker t({0}, seconds(60), 1);
  auto d = t.dispatch({idle(0)}, t0);
  REQUIRE(t.on_failure(d[0].job_id, true));
  auto retry = t.dispatch({idle(0)}, t0);
  REQUIRE(retry.size() == 1);
  CHECK(retry[0].worker == 0);
  CHECK(retry[0].job_id != d[0].job_id);
  prove(t, retry[0].job_id);
  CHECK(t.complete());
}

TEST_CASE("a job past the prove timeout is abandoned and reassigned", "[round][timeout]") {
  RoundTracker t({0, 1}, seconds(10), 1);
  auto d = t.dispatch({idle(0), idle(1)}, t0);
  prove(t, to(d, 0).job_id);
  CHECK(t.next_deadline() == t0 + seconds(10));
  CHECK(t.expire(t0 + seconds(9)).empty());
  auto gone = t.expire(t0 + seconds(10));
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].worker == 1);
  CHECK(gone[0].position == 1);
  CHECK(gone[0].job_id == to(d, 1).job_id);
  CHECK_FALSE(t.next_deadline());
  // The late answer of the abandoned job is ignored.
  CHECK_FALSE(t.on_proof(to(d, 1).job_id));
  auto redo = t.dispatch({idle(0), busy(1)}, t0 + seconds(10));
  REQUIRE(redo.size() == 1);
  CHECK(redo[0].worker == 0);
  CHECK(t.next_deadline() == t0 + seconds(20));
  prove(t, redo[0].job_id);
  CHECK(t.complete());
}

TEST_CASE("answers for unknown jobs change nothing", "[round][stale]") {
  RoundTracker t({0, 1}, seconds(10), 50);
  auto d = t.dispatch({idle(0), idle(1)}, t0);
  CHECK_FALSE(t.on_proof(49));
  CHECK_FALSE(t.on_failure(7, true));
  t.on_verified(0, true);  // not awaiting verification: ignored
  CHECK(t.done() == 0);
  prove(t, to(d, 0).job_id);
  CHECK_FALSE(t.on_proof(to(d, 0).job_id));  // answered twice
  CHECK(t.done() == 1);
  CHECK(t.next_job_id() == 52);
}

TEST_CASE("a paused owner's position is proved by the others", "[round][reassign]") {
  // Paused workers are reported as not ready.
  RoundTracker t({0, 1, 2, 3}, seconds(10), 1);
  auto d = t.dispatch({idle(0), idle(1), down(2), idle(3)}, t0);
  CHECK(d.size() == 3);
  prove(t, to(d, 3).job_id);
  auto steal = t.dispatch({busy(0), busy(1), down(2), idle(3)}, t0);
  REQUIRE(steal.size() == 1);
  CHECK(steal[0].position == 2);
  CHECK(steal[0].worker == 3);
}

TEST_CASE("has_pending follows positions from waiting to sent, failed and verified", "[round][dispatch]") {
  RoundTracker t({0, 1}, seconds(60), 1);
  CHECK(t.has_pending());
  auto d = t.dispatch({idle(0)}, t0);
  REQUIRE(d.size() == 1);
  CHECK(t.has_pending());  // position 1's worker is not ready yet
  auto e = t.dispatch({busy(0), idle(1)}, t0);
  REQUIRE(e.size() == 1);
  CHECK_FALSE(t.has_pending());
  REQUIRE(t.on_failure(e[0].job_id, false));  // the link was not connected
  CHECK(t.has_pending());
  auto f = t.dispatch({busy(0), idle(1)}, t0);
  REQUIRE(f.size() == 1);
  CHECK_FALSE(t.has_pending());
  prove(t, d[0].job_id, false);  // invalid: pending again
  CHECK(t.has_pending());
  auto g = t.dispatch({idle(0), down(1)}, t0);  // no other worker left: the same one retries
  REQUIRE(g.size() == 1);
  prove(t, g[0].job_id);
  prove(t, f[0].job_id);
  CHECK_FALSE(t.has_pending());
  CHECK(t.complete());
}
