// The supervisor's restart rules on a hand-driven test clock: exponential backoff with jitter between
// 0.5 s and 30 s, the crash-loop state after five failures within 60 s, and recovery once a
// start stays up for 60 s.
#include <catch2/catch.hpp>

#include <set>

#include "node/control/restart_policy.hpp"

using namespace proofgrid::control;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const RestartTracker::TimePoint t0{};

}  // namespace

TEST_CASE("restart delays double from 0.5 s to 30 s, each cut by at most 20 %", "[supervisor][backoff]") {
  RestartTracker t(RestartPolicy{}, 42);
  const std::int64_t bases[] = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
  auto now = t0;
  for (std::int64_t base : bases) {
    auto d = t.on_failure(now, milliseconds(0));
    INFO("base " << base << " ms, got " << d.delay.count() << " ms");
    CHECK(d.delay.count() <= base);
    CHECK(d.delay.count() >= std::max<std::int64_t>(500, base * 8 / 10));
    now += seconds(100);  // far apart: never a crash loop
    CHECK_FALSE(d.crash_loop);
  }
}

TEST_CASE("jitter spreads workers that fail together", "[supervisor][backoff]") {
  std::set<std::int64_t> delays;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    RestartTracker t(RestartPolicy{}, seed);
    t.on_failure(t0, milliseconds(0));
    delays.insert(t.on_failure(t0, milliseconds(0)).delay.count());  // base 1 s
  }
  CHECK(delays.size() > 10);
}

TEST_CASE("five failures within 60 s are a crash loop, announced once", "[supervisor][crashloop]") {
  RestartTracker t(RestartPolicy{}, 7);
  auto now = t0;
  for (unsigned i = 1; i <= 4; ++i) {
    auto d = t.on_failure(now, milliseconds(100));
    CHECK(d.recent_failures == i);
    CHECK_FALSE(d.crash_loop);
    now += seconds(5);
  }
  auto fifth = t.on_failure(now, milliseconds(100));
  CHECK(fifth.crash_loop);
  CHECK(fifth.entered_crash_loop);
  CHECK(fifth.recent_failures == 5);
  auto sixth = t.on_failure(now + seconds(1), milliseconds(100));
  CHECK(sixth.crash_loop);
  CHECK_FALSE(sixth.entered_crash_loop);
  CHECK(t.crash_loop());
}

TEST_CASE("failures spread wider than the window are no crash loop", "[supervisor][crashloop]") {
  RestartTracker t(RestartPolicy{}, 7);
  auto now = t0;
  for (int i = 0; i < 10; ++i) {
    auto d = t.on_failure(now, milliseconds(100));
    CHECK(d.recent_failures <= 4);
    CHECK_FALSE(d.crash_loop);
    now += seconds(16);  // 5 failures span 64 s > 60 s
  }
}

TEST_CASE("a start that stays up 60 s ends the crash loop and resets the backoff", "[supervisor][crashloop]") {
  RestartTracker t(RestartPolicy{}, 3);
  for (int i = 0; i < 7; ++i) t.on_failure(t0 + seconds(i), milliseconds(10));
  REQUIRE(t.crash_loop());
  CHECK_FALSE(t.on_uptime(seconds(59)));
  CHECK(t.crash_loop());
  CHECK(t.on_uptime(seconds(60)));
  CHECK_FALSE(t.crash_loop());
  CHECK_FALSE(t.on_uptime(seconds(61)));  // announced once
  auto next = t.on_failure(t0 + seconds(200), milliseconds(0));
  CHECK(next.delay <= milliseconds(500));
  CHECK(next.recent_failures == 1);
}

TEST_CASE("an exit after a long run starts a fresh history", "[supervisor][crashloop]") {
  RestartTracker t(RestartPolicy{}, 5);
  for (int i = 0; i < 4; ++i) t.on_failure(t0 + seconds(i), milliseconds(10));
  // The fifth exit comes from a worker that had been up for two minutes: not a loop.
  auto d = t.on_failure(t0 + seconds(5), seconds(120));
  CHECK(d.recent_failures == 1);
  CHECK_FALSE(d.crash_loop);
  CHECK(d.delay <= milliseconds(500));
}

TEST_CASE("the policy's numbers are honoured", "[supervisor][crashloop]") {
  RestartPolicy p;
  p.backoff_min = milliseconds(10);
  p.backoff_max = milliseconds(40);
  p.crash_loop_failures = 2;
  p.crash_loop_window = seconds(1);
  RestartTracker t(p, 1);
  CHECK(t.on_failure(t0, milliseconds(0)).delay <= milliseconds(10));
  auto second = t.on_failure(t0 + milliseconds(500), milliseconds(0));
  CHECK(second.crash_loop);
  CHECK(second.delay <= milliseconds(20));
  CHECK(t.on_failure(t0 + milliseconds(600), milliseconds(0)).delay <= milliseconds(40));
  CHECK(t.on_failure(t0 + milliseconds(700), milliseconds(0)).delay <= milliseconds(40));
}
