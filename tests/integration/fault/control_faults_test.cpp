// Fault matrix, the control process and its store: SIGKILL mid-round, SIGKILL inside the
// store's write transaction (PROOFGRID_STORE_FAULT=die-before-commit@K), a full disk
// (PROOFGRID_STORE_FAULT=disk-full@N). A restart continues from the last durable round and
// `proofgrid verify` finds no gap, duplicate or invalid record.
#include <signal.h>

#include <thread>

#include "tests/integration/fault/fault_support.hpp"

using namespace proofgrid::test;

namespace {

// After the control died: its workers follow it (--parent-process), then a new control on the
// same config must resume after the last round the dead one logged (a round is logged only
// once stored) and go on for two more.
void restart_resumes(LocalCluster& c, std::size_t logged) {
  REQUIRE(all_gone(c.control->announced_workers(), 15s));
  Proc again({"--config", c.cfg_dir.string()}, c.dir.path() / "control-restarted.log");
  LogOnFailure again_log(again, "restarted control");
  REQUIRE(wait_rounds(again, 2));
  CHECK_THAT(again.output(), Catch::Contains("chain: resuming after round " + std::to_string(logged - 1)));
  CHECK_THAT(round_lines(again.output()).front(), Catch::StartsWith("round " + std::to_string(logged) + ":"));
  stop_cleanly(again);
  verify_clean(c.cfg_dir, logged + 1);
}

}  // namespace

TEST_CASE("fault: the control SIGKILLed mid-round restarts from its store", "[fault][control]") {
  LocalCluster c(ClusterConfig::of(2));
  LogOnFailure log_on_failure(*c.control, "control");
  REQUIRE(wait_rounds(*c.control, 3));
  std::this_thread::sleep_for(100ms);  // inside the next round
  c.control->signal(SIGKILL);
  REQUIRE(c.control->wait_exit(10s) == std::optional<int>(128 + SIGKILL));
  restart_resumes(c, round_count(*c.control));
}

TEST_CASE("fault: the control SIGKILLed inside a store write loses only that round", "[fault][control][store]") {
  LocalCluster c(ClusterConfig::of(2), {{"PROOFGRID_STORE_FAULT", "die-before-commit@3"}});
  LogOnFailure log_on_failure(*c.control, "control");
  // Rounds 0..2 commit; round 3's transaction is written in full, then the process dies
  // before COMMIT: SQLite's journal must discard it.
  REQUIRE(c.control->wait_exit(90s) == std::optional<int>(128 + SIGKILL));
  CHECK_THAT(c.control->output(), Catch::Contains("fault injection PROOFGRID_STORE_FAULT=die-before-commit@3 is on"));
  REQUIRE(round_count(*c.control) == 3);
  restart_resumes(c, 3);
}

TEST_CASE("fault: a full disk stops the control with a clear error and no corrupt record", "[fault][control][store]") {
  // Two pages beyond the fresh store: a few rounds fit, then an append cannot grow the file.
  LocalCluster c(ClusterConfig::of(2), {{"PROOFGRID_STORE_FAULT", "disk-full@2"}});
  LogOnFailure log_on_failure(*c.control, "control");
  REQUIRE(c.control->wait_exit(120s) == std::optional<int>(1));
  const std::string out = c.control->output();
  CHECK_THAT(out, Catch::Contains("the chain stopped: "));
  CHECK_THAT(out, Catch::Contains("The disk (or the store's size limit) is full: free space and restart"));
  const std::size_t logged = round_count(*c.control);
  REQUIRE(logged >= 1);
  // What is stored is exactly the logged rounds, all valid; the failed one left nothing.
  const auto v = verify_clean(c.cfg_dir, logged - 1);
  CHECK(v["head"] == logged - 1);
  // Space again (no fault): the chain continues where it stopped.
  restart_resumes(c, logged);
}
