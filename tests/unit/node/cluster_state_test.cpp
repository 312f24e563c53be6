// The control's cluster model: phases derived from process, link, work and pause facts,
// counters, and the single decision of which slots make up the next round.
#include <catch2/catch.hpp>

#include "node/config/loader.hpp"
#include "node/config/slots.hpp"
#include "node/control/cluster_state.hpp"
#include "tests/support/paths.hpp"

using namespace proofgrid;
using namespace proofgrid::control;
using std::chrono::minutes;

namespace {

config::SlotTable three_slots() {
  auto cfg = config::parse_config("engine:\n  dataWorkerCount: 3\n  dataWorkerBaseListenPort: 41000\n",
                                  "/cfg/config.yml", config::Environment{2, test::shared_dir()});
  return config::build_slot_table(cfg);
}

}  // namespace

TEST_CASE("a local worker goes from starting to ready, busy and back", "[state]") {
  ClusterState s(three_slots(), true, minutes(30));
  CHECK(s.slot(0).phase == SlotPhase::starting);
  CHECK(s.slot(0).address == "/ip4/127.0.0.1/tcp/41000");
  CHECK(s.slot(2).core == 3);
  s.process_started(0, 1234, false);
  CHECK(s.slot(0).process == ProcessPhase::running);
  CHECK(s.slot(0).pid == 1234);
  CHECK(s.slot(0).phase == SlotPhase::starting);
  CHECK_FALSE(s.accepts_work(0));
  s.link_ready(0);
  CHECK(s.slot(0).phase == SlotPhase::ready);
  CHECK(s.accepts_work(0));
  s.job_sent(0);
  CHECK(s.slot(0).phase == SlotPhase::busy);
  s.job_answered(0);
  s.proof_accepted(0, std::chrono::microseconds(1500));
  CHECK(s.slot(0).phase == SlotPhase::ready);
  CHECK(s.slot(0).counters.proofs_accepted == 1);
  CHECK(s.slot(0).last_prove_time == std::chrono::microseconds(1500));
  CHECK(s.snapshot().ready_workers() == 1);
}

TEST_CASE("exits, link losses and crash loops show as dead and crash-loop", "[state]") {
  ClusterState s(three_slots(), true, minutes(30));
  s.process_started(1, 99, false);
  s.link_ready(1);
  s.job_sent(1);
  s.link_down(1, "network: connection reset");
  CHECK(s.slot(1).phase == SlotPhase::dead);
  CHECK(s.slot(1).jobs_in_flight == 0);
  CHECK(s.slot(1).counters.link_losses == 1);
  s.process_ended(1, "pid 99 killed by signal 9", false);
  CHECK(s.slot(1).phase == SlotPhase::dead);
  CHECK_FALSE(s.slot(1).pid);
  CHECK(s.slot(1).detail == "pid 99 killed by signal 9");
  s.process_started(1, 100, true);
  CHECK(s.slot(1).counters.restarts == 1);
  CHECK(s.slot(1).phase == SlotPhase::starting);
  s.process_ended(1, "pid 100 exited with status 1", true);
  CHECK(s.slot(1).phase == SlotPhase::crash_loop);
  s.process_started(1, 101, true);
  CHECK(s.slot(1).phase == SlotPhase::crash_loop);  // until it proves stable
  s.process_stable(1);
  CHECK(s.slot(1).phase == SlotPhase::starting);
  s.processes_stopping();
  s.process_ended(1, "exited with status 0", false);
  CHECK(s.slot(1).process == ProcessPhase::stopped);
}

TEST_CASE("workers listed in the config start as external", "[state]") {
  ClusterState s(three_slots(), false, minutes(30));
  CHECK(s.slot(0).process == ProcessPhase::external);
  CHECK(s.slot(0).phase == SlotPhase::starting);
  s.link_down(0, "cannot connect");
  CHECK(s.slot(0).phase == SlotPhase::dead);
  s.link_ready(0);
  CHECK(s.slot(0).phase == SlotPhase::ready);
}

TEST_CASE("the next round has every slot except those paused, for at most pauseMaxDuration", "[state][pause]") {
  ClusterState s(three_slots(), false, minutes(30));
  const auto now = Clock::now();
  CHECK(s.next_round_slots(now) == std::vector<std::size_t>{0, 1, 2});
  s.link_down(2, "gone");  // dead slots stay in: others prove them
  CHECK(s.next_round_slots(now) == std::vector<std::size_t>{0, 1, 2});
  s.link_ready(1);
  s.set_paused(1, true);
  CHECK(s.slot(1).phase == SlotPhase::paused);
  CHECK_FALSE(s.accepts_work(1));
  CHECK(s.next_round_slots(Clock::now()) == std::vector<std::size_t>{0, 2});
  // Paused longer than engine.pauseMaxDuration: back in, proved by the others.
  CHECK(s.next_round_slots(Clock::now() + minutes(31)) == std::vector<std::size_t>{0, 1, 2});
  s.set_paused(1, false);
  CHECK(s.accepts_work(1));
  CHECK(s.next_round_slots(Clock::now()) == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("counters and rounds are in the snapshot", "[state]") {
  ClusterState s(three_slots(), false, minutes(30));
  s.proof_invalid(2);
  s.job_timed_out(2);
  s.job_failed(2, "backend_error: boom");
  s.round_started(7, 3);
  s.round_progress(2);
  auto snap = s.snapshot();
  REQUIRE(snap.round);
  CHECK(snap.round->increment == 7);
  CHECK(snap.round->accepted == 2);
  CHECK(snap.slots[2].counters.proofs_invalid == 1);
  CHECK(snap.slots[2].counters.timeouts == 1);
  CHECK(snap.slots[2].counters.failures == 1);
  RoundSummary done;
  done.increment = 7;
  s.round_finished(done);
  snap = s.snapshot();
  CHECK_FALSE(snap.round);
  REQUIRE(snap.last_round);
  CHECK(snap.last_round->increment == 7);
  CHECK(snap.rounds_completed == 1);
  CHECK(std::string(slot_phase_name(SlotPhase::crash_loop)) == "crash-loop");
}
