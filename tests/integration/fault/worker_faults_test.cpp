// Fault matrix, workers: one killed mid-round, one frozen (SIGSTOP) past engine.proveTimeout,
// one returning corrupted proofs. Each row ends with `proofgrid verify`: nothing lost, nothing
// invalid stored.
#include <signal.h>

#include <thread>

#include "node/store/store.hpp"
#include "tests/integration/fault/fault_support.hpp"

using namespace proofgrid::test;

TEST_CASE("fault: a worker SIGKILLed mid-round is restarted and the chain has no gap", "[fault][worker]") {
  LocalCluster c(ClusterConfig::of(3));
  Proc& control = *c.control;
  LogOnFailure log_on_failure(control, "control");
  const LocalWorker w = running_worker(control, 1, 3);
  // A round starts as soon as the previous one is stored: this lands inside one.
  std::this_thread::sleep_for(100ms);
  const std::size_t before = round_count(control);
  ::kill(w.pid, SIGKILL);
  REQUIRE(control.wait_for(w.label + ": worker pid " + std::to_string(w.pid) + " killed by signal 9", 20s));
  REQUIRE(control.wait_for(w.label + ": restarted worker pid", 20s));
  REQUIRE(wait_rounds(control, before + 3));
  for (const auto& line : round_lines(control.output())) CHECK_THAT(line, Catch::Contains("P=3"));
  stop_cleanly(control);
  verify_clean(c.cfg_dir, before + 2);
}

TEST_CASE("fault: a worker frozen by SIGSTOP past proveTimeout loses its slots, rounds go on", "[fault][worker]") {
  LocalCluster c(ClusterConfig::of(3, "2s"));
  Proc& control = *c.control;
  LogOnFailure log_on_failure(control, "control");
  const LocalWorker w = running_worker(control, 2, 3);
  ::kill(w.pid, SIGSTOP);
  const std::size_t before = round_count(control);
  // Either the job in flight times out, or the heartbeats do (no answer from a stopped process).
  REQUIRE(control.wait_until([&] {
    const std::string out = control.output();
    return out.find(w.label + " did not prove slot") != std::string::npos ||
           out.find(w.label + ": lost the worker") != std::string::npos;
  }, 30s));
  REQUIRE(wait_rounds(control, before + 3, 90s));
  const auto rounds = round_lines(control.output());
  CHECK_THAT(rounds.back(), Catch::Contains("P=3"));
  // Slot 2 is proved elsewhere (on a busy machine another slot may time out too).
  CHECK_THAT(rounds.back(), Catch::Contains("slot 2 to --core "));
  CHECK_THAT(rounds.back(), !Catch::Contains("to --core 3"));
  // Thawed, it serves again.
  const std::size_t ready = control.count(w.label + ": ready: worker");
  ::kill(w.pid, SIGCONT);
  CHECK(control.wait_until([&] {
    return control.count(w.label + ": ready: worker") > ready ||
           round_lines(control.output()).back().find("; 0 reassigned") != std::string::npos;
  }, 30s));
  stop_cleanly(control);
  verify_clean(c.cfg_dir, before + 2);
}

TEST_CASE("fault: a worker returning corrupted proofs never gets one into the chain", "[fault][worker]") {
  LocalCluster c(ClusterConfig::of(3), {{"PROOFGRID_WORKER_FAULT", "bad-proofs@2"}});
  Proc& control = *c.control;
  LogOnFailure log_on_failure(control, "control");
  REQUIRE(wait_rounds(control, 4));
  CHECK_THAT(control.output(), Catch::Contains("fault injection PROOFGRID_WORKER_FAULT=bad-proofs is on"));
  CHECK_THAT(control.output(), Catch::Contains("'s proof from slot 1 (--core 2) "));
  CHECK_THAT(control.output(), Catch::Contains("is INVALID (VDF verification failed)"));
  stop_cleanly(control);
  const auto v = verify_clean(c.cfg_dir, 3);
  // Every stored proof was recomputed by a healthy worker: the store attributes none to core 2.
  const auto store = proofgrid::store::Store::open_read_only(c.cfg_dir / "store.sqlite");
  const auto head = v["head"].get<std::uint64_t>();
  for (std::uint64_t k = 0; k <= head; ++k) {
    INFO("increment " << k);
    const auto slots = store.slots(k);
    REQUIRE(slots.size() == 3);
    for (const auto& s : slots) CHECK(s.who.core != 2);
  }
}
