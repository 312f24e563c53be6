// The cluster's chain end to end: what a control process with real workers stores is what
// `proofgrid chain simulate` computes in one process, byte for byte; `proofgrid verify`
// accepts it; and a control killed mid-round resumes without a gap or a duplicate.
#include <signal.h>

#include <nlohmann/json.hpp>

#include "engine/common/bytes.hpp"
#include "node/store/store.hpp"
#include "tests/integration/cluster/cluster_harness.hpp"

using namespace proofgrid::test;
using json = nlohmann::json;

namespace {

constexpr const char* kPeerId = "4b14d5e49d57e356afb32b94b6c33d877e1435c491d5ac15e29e2385a4ccfeaa";

ClusterConfig chain_config(unsigned workers) {
  ClusterConfig c = ClusterConfig::of(workers);
  c.extra = std::string("  peerId: ") + kPeerId + "\n";
  return c;
}

json verify_json(const std::filesystem::path& cfg_dir, int want_exit = 0) {
  const auto r = run_tool({"verify", "--config", cfg_dir.string(), "--json"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == want_exit);
  return json::parse(r.out);
}

void stop(Proc& control) {
  control.signal(SIGTERM);
  REQUIRE(control.wait_exit(20s) == std::optional<int>(0));
}

}  // namespace

TEST_CASE("a 3-slot cluster stores the chain that chain simulate computes, and verify passes", "[cluster][chain]") {
  LocalCluster c(chain_config(3));
  INFO(c.control->output());
  REQUIRE(c.rounds(5));
  stop(*c.control);

  const json v = verify_json(c.cfg_dir);
  const std::uint64_t head = v["head"].get<std::uint64_t>();
  CHECK(head >= 4);
  CHECK(v["records"] == head);  // records 0 .. head-1
  CHECK(v["valid"] == head);
  CHECK(v["invalid"] == 0);
  CHECK(v["gaps"] == 0);

  const auto sim = run_tool({"chain", "simulate", "--peer-id", kPeerId, "--slots", "3", "--difficulty",
                             std::to_string(c.cfg.difficulty), "--rounds", std::to_string(head + 1), "--json"},
                            120s);
  INFO(sim.err);
  REQUIRE(sim.exit_code == 0);
  const json records = json::parse(sim.out)["records"];
  REQUIRE(records.size() == head);

  const auto store = proofgrid::store::Store::open_read_only(c.cfg_dir / "store.sqlite");
  for (std::uint64_t k = 0; k < head; ++k) {
    const auto round = store.round(k);
    REQUIRE(round);
    INFO("increment " << k);
    CHECK(round->parallelism == 3);
    CHECK(proofgrid::to_hex(round->record) == records[k]["record_hex"].get<std::string>());
    CHECK(round->idx == records[k]["idx"].get<std::uint32_t>());
  }
  // Every accepted proof is attributed to the worker that computed it.
  const auto by_slot = store.contributions_by_slot();
  std::uint64_t proofs = 0;
  for (const auto& s : by_slot) proofs += s.totals.proofs;
  CHECK(proofs == 3 * (head + 1));
}

TEST_CASE("a control killed mid-round restarts where the store stopped: no gap, no duplicate", "[cluster][chain][fault]") {
  LocalCluster c(chain_config(2));
  REQUIRE(c.rounds(3));
  const auto workers = c.control->announced_workers();
  c.control->signal(SIGKILL);
  c.control->wait_exit(10s);
  const std::size_t logged = round_lines(c.control->output()).size();
  // Its workers follow their parent (--parent-process), freeing the ports for the restart.
  REQUIRE(all_gone(workers, 15s));

  Proc again({"--config", c.cfg_dir.string()}, c.dir.path() / "control2.log");
  INFO(again.output());
  REQUIRE(again.wait_until([&] { return round_lines(again.output()).size() >= 2; }, 60s));
  CHECK_THAT(again.output(), Catch::Contains("chain: resuming after round"));
  // The first round after the restart follows the last durable one: the killed control
  // logged `logged` rounds, and a round is logged only after it is stored.
  const std::string first = round_lines(again.output()).front();
  INFO(first);
  CHECK_THAT(first, Catch::StartsWith("round " + std::to_string(logged) + ":"));
  stop(again);

  const json v = verify_json(c.cfg_dir);
  CHECK(v["invalid"] == 0);
  CHECK(v["gaps"] == 0);
  CHECK(v["records"] == v["head"]);
  CHECK(v["head"].get<std::uint64_t>() >= logged + 1);
}
