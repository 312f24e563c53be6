// The operator side of the control's model: pauses with a length, the refusal to pause the
// last slot, pause expiry, reloaded slot tables (what a slot keeps), the status rows built
// from a snapshot, and how a reload describes a changed worker list.
#include <catch2/catch.hpp>

#include "node/config/loader.hpp"
#include "node/config/slots.hpp"
#include "node/control/cluster_state.hpp"
#include "node/control/reload.hpp"
#include "node/control/status_view.hpp"
#include "tests/support/paths.hpp"

using namespace proofgrid;
using namespace proofgrid::control;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

// Listed workers at these ports on 10.0.0.X (X = port % 10), in order.
config::SlotTable listed(std::initializer_list<int> ports) {
  std::string yml = "engine:\n  dataWorkerMultiaddrs:\n";
  for (int p : ports) yml += "    - /ip4/10.0.0." + std::to_string(p % 10) + "/tcp/" + std::to_string(p) + "\n";
  auto cfg = config::parse_config(yml, "/cfg/config.yml", config::Environment{2, test::shared_dir()});
  return config::build_slot_table(cfg);
}

}  // namespace

TEST_CASE("a pause lasts --for, at most pauseMaxDuration, and ends by itself", "[state][pause]") {
  ClusterState s(listed({40001, 40002, 40003}), false, minutes(30));
  const auto t0 = Clock::now();
  s.set_paused(1, true, seconds(10));
  s.set_paused(2, true, minutes(90));  // capped at 30 minutes
  CHECK(s.next_round_slots(t0) == std::vector<std::size_t>{0});
  CHECK(s.next_round_slots(t0 + seconds(11)) == std::vector<std::size_t>{0, 1});
  CHECK(s.next_round_slots(t0 + minutes(31)) == std::vector<std::size_t>{0, 1, 2});
  CHECK(s.end_expired_pauses(t0 + seconds(1)).empty());
  const auto ended = s.end_expired_pauses(t0 + seconds(11));
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].slot == 1);
  CHECK(ended[0].length >= seconds(9));
  CHECK(ended[0].length <= seconds(10));
  CHECK_FALSE(s.slot(1).paused);
  CHECK(s.slot(2).paused);
  const auto capped = s.end_expired_pauses(t0 + minutes(31));
  REQUIRE(capped.size() == 1);
  CHECK(capped[0].slot == 2);
  CHECK(capped[0].length == minutes(30));
}

TEST_CASE("pausing the last slot that is not paused is refused", "[state][pause]") {
  ClusterState s(listed({40001, 40002}), false, minutes(30));
  CHECK(s.pause_unless_last(0, std::nullopt));
  CHECK_FALSE(s.pause_unless_last(1, std::nullopt));
  CHECK_FALSE(s.slot(1).paused);
  // Pausing an already paused slot again only renews it.
  CHECK(s.pause_unless_last(0, seconds(5)));
  s.set_paused(0, false);
  CHECK(s.pause_unless_last(1, std::nullopt));
}

TEST_CASE("a reloaded table keeps slots whose index and address stay, replaces the others", "[state][reload]") {
  ClusterState s(listed({40001, 40002, 40003}), false, minutes(30));
  s.link_ready(0);
  s.proof_accepted(0, milliseconds(1500));
  s.set_paused(1, true);

  SECTION("a machine appended") {
    const TableChange c = s.apply_table(listed({40001, 40002, 40003, 40004, 40005}));
    CHECK(c.kept == std::vector<std::size_t>{0, 1, 2});
    CHECK(c.added == std::vector<std::size_t>{3, 4});
    CHECK(c.removed.empty());
    CHECK(s.size() == 5);
    CHECK(s.slot(0).counters.proofs_accepted == 1);  // kept: counters and link
    CHECK(s.slot(0).phase == SlotPhase::ready);
    CHECK(s.slot(1).paused);
    CHECK(s.slot(4).phase == SlotPhase::starting);
    CHECK(s.slot(4).core == 5);
  }
  SECTION("the last machine removed, one address changed") {
    const TableChange c = s.apply_table(listed({40001, 40007}));
    CHECK(c.kept == std::vector<std::size_t>{0});
    CHECK(c.added == std::vector<std::size_t>{1});
    CHECK(c.removed == std::vector<std::size_t>{1, 2});
    CHECK(s.size() == 2);
    CHECK_FALSE(s.slot(1).paused);
    CHECK(s.slot(1).address == "/ip4/10.0.0.7/tcp/40007");
    // Events trailing a removed slot are dropped, not thrown.
    s.link_down(2, "closed by the reload");
    CHECK_FALSE(s.accepts_work(2));
  }
}

TEST_CASE("status rows come from the snapshot and the head", "[state][status]") {
  ClusterState s(listed({40001, 40002}), false, minutes(30));
  s.link_ready(0);
  s.worker_info(0, "simd", 52428800);
  s.proof_accepted(0, milliseconds(1000));
  s.proof_accepted(0, milliseconds(3000));
  s.proof_invalid(0);
  s.set_paused(1, true, seconds(600));
  const ops::ChainHead head{41, 2, 128, 1700000000};
  const auto report = status_report(s.snapshot(), head, Clock::now());
  REQUIRE(report.slots.size() == 2);
  const auto& a = report.slots[0];
  CHECK(a.core == 1);
  CHECK(a.host == "10.0.0.1");
  CHECK(a.state == ops::WorkerState::ready);
  CHECK(a.backend == "simd");
  CHECK(a.proofs_accepted == 2);
  CHECK(a.proofs_invalid == 1);
  CHECK(a.mean_prove_seconds == Approx(2.0));
  CHECK(a.resident_memory_bytes == std::optional<std::uint64_t>(52428800));  // no local pid: as reported
  CHECK(a.last_proof_age_seconds.value_or(-1) >= 0);
  const auto& b = report.slots[1];
  CHECK(b.state == ops::WorkerState::paused);
  CHECK(b.paused_for_seconds.value_or(0) == Approx(600).margin(5));
  CHECK_FALSE(b.mean_prove_seconds);
  CHECK_FALSE(b.resident_memory_bytes);
  CHECK(ops::to_json(report)["head"]["increment"] == 41);
}

TEST_CASE("a reload names the slots it adds and removes", "[reload]") {
  CHECK(describe_table_change(listed({40001, 40002}), listed({40001, 40002})) == "no change to the slot table");
  CHECK(describe_table_change(listed({40001, 40002}), listed({40001, 40002, 40003})) ==
        "slot 2 added (--core 3 /ip4/10.0.0.3/tcp/40003); 3 slots (was 2)");
  CHECK(describe_table_change(listed({40001, 40002, 40003}), listed({40001})) ==
        "slots 1, 2 removed (--core 2 /ip4/10.0.0.2/tcp/40002, --core 3 /ip4/10.0.0.3/tcp/40003); 1 slot (was 3)");
}
