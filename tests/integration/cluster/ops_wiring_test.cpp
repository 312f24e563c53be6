// The operator commands against a running control process (docs/operations.md): status over
// the admin socket, pausing and resuming a worker (P shrinks from the next round, the chain
// still verifies), a pause that ends by itself, metrics scraped and parsed, contribution
// report, and hot reload adding and removing a listed worker with real processes.
#include <signal.h>

#include <nlohmann/json.hpp>

#include "tests/integration/cluster/cluster_harness.hpp"
#include "tests/unit/ops/exposition_parser.hpp"
#include "tests/unit/ops/ops_test_support.hpp"

using namespace proofgrid::test;
using json = nlohmann::json;

namespace {

json tool_json(const std::vector<std::string>& args) {
  const auto r = run_tool(args);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

json status_json(const std::filesystem::path& cfg_dir) {
  return tool_json({"status", "--config", cfg_dir.string(), "--json"});
}

// The newest round line has P = p.
bool last_round_has_p(const Proc& control, std::size_t p) {
  const auto lines = round_lines(control.output());
  return !lines.empty() && lines.back().find("P=" + std::to_string(p) + " ") != std::string::npos;
}

void stop(Proc& control) {
  control.signal(SIGTERM);
  REQUIRE(control.wait_exit(20s) == std::optional<int>(0));
}

}  // namespace

TEST_CASE("status answers over the admin socket with the contract's JSON and a table", "[cluster][ops]") {
  LocalCluster c(ClusterConfig::of(2));
  INFO(c.control->output());
  REQUIRE(c.rounds(2));
  // A worker still in its self-test is "starting" while the other proves every position.
  json s;
  REQUIRE(c.control->wait_until([&] {
    s = status_json(c.cfg_dir);
    for (const auto& row : s["slots"])
      if (row["state"] != "ready" && row["state"] != "busy") return false;
    return s["head"]["increment"].get<std::uint64_t>() >= 1;
  }));
  CHECK(s["head"]["increment"].get<std::uint64_t>() >= 1);
  CHECK(s["head"]["parallelism"] == 2);
  CHECK(s["head"]["poly_size"] == 128);
  CHECK(s["head"]["last_round_time"].is_number());
  REQUIRE(s["slots"].size() == 2);
  std::uint64_t accepted = 0;
  for (unsigned i = 0; i < 2; ++i) {
    const json& row = s["slots"][i];
    INFO(row.dump());
    CHECK(row["slot"] == i);
    CHECK(row["core"] == i + 1);
    CHECK(row["address"] == c.cfg.address(i));
    CHECK(row["host"] == "127.0.0.1");
    CHECK((row["state"] == "ready" || row["state"] == "busy"));
    CHECK_FALSE(row["backend"].get<std::string>().empty());
    CHECK(row["rss_bytes"].get<std::uint64_t>() > 1000000);  // a local worker: read from /proc
    CHECK(row["invalid_proofs"] == 0);
    CHECK(row["paused_for_seconds"].is_null());
    accepted += row["proofs_accepted"].get<std::uint64_t>();
  }
  CHECK(accepted >= 4);

  const auto table = run_tool({"status", "--config", c.cfg_dir.string()});
  REQUIRE(table.exit_code == 0);
  CHECK_THAT(table.out, Catch::Contains("chain head: increment") && Catch::Contains("--core 2"));

  stop(*c.control);
  const auto none = run_tool({"status", "--config", c.cfg_dir.string()});
  CHECK(none.exit_code == 1);
  CHECK_THAT(none.err, Catch::Contains("no control process is listening"));
}

TEST_CASE("pause: P shrinks from the next round and the last slot is refused and a timed pause ends by itself and verify passes",
          "[cluster][ops][pause]") {
  LocalCluster c(ClusterConfig::of(2));
  INFO(c.control->output());
  const std::string dir = c.cfg_dir.string();
  REQUIRE(c.rounds(1));

  const auto paused = run_tool({"worker", "pause", "--config", dir, "--core", "2"});
  INFO(paused.out << paused.err);
  REQUIRE(paused.exit_code == 0);
  CHECK_THAT(paused.out, Catch::Contains("paused for 30m"));
  REQUIRE(c.control->wait_until([&] { return last_round_has_p(*c.control, 1); }));
  const json s = status_json(c.cfg_dir);
  CHECK(s["slots"][1]["state"] == "paused");
  CHECK(s["slots"][1]["paused_for_seconds"].get<double>() > 60);
  CHECK(s["head"]["parallelism"] == 1);

  const auto refused = run_tool({"worker", "pause", "--config", dir, "--core", "1"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("refusing to pause --core 1") && Catch::Contains("worker resume"));
  const auto unknown = run_tool({"worker", "pause", "--config", dir, "--core", "9"});
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.err, Catch::Contains("--core 9 names no slot"));

  REQUIRE(run_tool({"worker", "resume", "--config", dir, "--core", "2"}).exit_code == 0);
  REQUIRE(c.control->wait_until([&] { return last_round_has_p(*c.control, 2); }));

  // A pause with --for ends by itself, logged, and the slot is back in the rounds.
  REQUIRE(run_tool({"worker", "pause", "--config", dir, "--core", "1", "--for", "1s"}).exit_code == 0);
  REQUIRE(c.control->wait_for("(--core 1) " + c.cfg.address(0) + ": its pause of 1s ended"));
  const auto after = round_lines(c.control->output()).size();
  REQUIRE(c.control->wait_until(
      [&] { return round_lines(c.control->output()).size() > after + 1 && last_round_has_p(*c.control, 2); }));
  stop(*c.control);

  const json v = tool_json({"verify", "--config", dir, "--json"});
  CHECK(v["invalid"] == 0);
  CHECK(v["gaps"] == 0);
  CHECK(v["valid"] == v["records"]);

  // Contribution report: every stored proof counted once, per worker and per machine.
  const json r = tool_json({"report", "--config", dir, "--json"});
  REQUIRE(r["slots"].size() == 2);
  CHECK(r["slots"][0]["core"] == 1);
  CHECK(r["slots"][1]["address"] == c.cfg.address(1));
  REQUIRE(r["hosts"].size() == 1);
  CHECK(r["hosts"][0]["host"] == "127.0.0.1");
  CHECK(r["hosts"][0]["proofs"] == r["total"]["proofs"]);
  CHECK(r["total"]["squarings"] == r["total"]["proofs"].get<std::uint64_t>() * c.cfg.difficulty);
  const auto later = tool_json({"report", "--config", dir, "--json", "--since", std::to_string(v["head"].get<std::uint64_t>())});
  CHECK(later["total"]["proofs"].get<std::uint64_t>() < r["total"]["proofs"].get<std::uint64_t>());
}

TEST_CASE("metrics are served on metrics.listenAddress and parse as Prometheus text", "[cluster][ops][metrics]") {
  const std::uint16_t port = free_ports(1);
  ClusterConfig cfg = ClusterConfig::of(2);
  cfg.extra = "metrics:\n  listenAddress: /ip4/127.0.0.1/tcp/" + std::to_string(port) + "\n";
  LocalCluster c(cfg);
  INFO(c.control->output());
  REQUIRE(c.rounds(2));
  const std::string text = http_get(port, "/metrics");
  INFO(text);
  const auto families = parse_exposition(text);
  for (const char* name : {"proofgrid_worker_up", "proofgrid_worker_state", "proofgrid_proofs_accepted_total",
                           "proofgrid_proofs_rejected_total", "proofgrid_prove_duration_seconds",
                           "proofgrid_worker_restarts_total", "proofgrid_worker_reconnects_total",
                           "proofgrid_worker_resident_memory_bytes", "proofgrid_round_duration_seconds",
                           "proofgrid_chain_head_increment", "process_resident_memory_bytes"})
    CHECK(families.count(name) == 1);
  const std::map<std::string, std::string> slot1 = {{"slot", "1"}, {"core", "2"}, {"host", "127.0.0.1"}};
  CHECK(sample_value(families, "proofgrid_worker_up", "proofgrid_worker_up", slot1) == 1);
  CHECK(sample_value(families, "proofgrid_chain_head_parallelism", "proofgrid_chain_head_parallelism", {}) == 2);
  CHECK(sample_value(families, "proofgrid_chain_head_increment", "proofgrid_chain_head_increment", {}) >= 1);
  CHECK(sample_value(families, "proofgrid_worker_resident_memory_bytes", "proofgrid_worker_resident_memory_bytes",
                     slot1) > 1e6);
  CHECK(sample_value(families, "proofgrid_round_duration_seconds", "proofgrid_round_duration_seconds_count", {}) >= 1);
  CHECK(sample_value(families, "proofgrid_prove_duration_seconds", "proofgrid_prove_duration_seconds_count",
                     {{"host", "127.0.0.1"}}) >= 2);

  const std::string promtool = find_tool("promtool");
  if (promtool.empty()) {
    WARN("promtool is not available (scripts/install-deps.sh --test-tools unpacks it): only the test's own parser "
         "checked the control's metrics");
    return;
  }
  TempDir tmp("pg-metrics");
  tmp.write("metrics.txt", text);
  const auto check = run_process("/bin/sh", {"-c", promtool + " check metrics < " + (tmp / "metrics.txt").string()});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

TEST_CASE("reload adds and removes a listed worker at a round boundary and refuses an invalid config",
          "[cluster][ops][reload]") {
  ManualCluster c(2);
  for (unsigned core = 1; core <= 2; ++core) REQUIRE(c.workers[core - 1]->wait_for(c.label(core) + ": data worker ready"));
  Proc control({"--config", c.cfg_dir.string()}, c.dir / "control.log");
  INFO(control.output());
  const std::string dir = c.cfg_dir.string();
  REQUIRE(control.wait_until([&] { return round_lines(control.output()).size() >= 1; }));

  // A third worker joins: its address appended to the list, the worker started, then reload.
  c.cfg.workers = 3;
  c.cfg.write(c.dir);
  REQUIRE(c.start_worker(3).wait_for(c.label(3) + ": data worker ready"));
  const auto added = run_tool({"reload", "--config", dir});
  INFO(added.out << added.err);
  REQUIRE(added.exit_code == 0);
  CHECK_THAT(added.out, Catch::Contains("slot 2 added (--core 3 " + c.cfg.address(2) + ")"));
  REQUIRE(control.wait_for("reload applied: slot 2 added"));
  REQUIRE(control.wait_until([&] { return last_round_has_p(control, 3); }));
  CHECK(status_json(c.cfg_dir)["slots"].size() == 3);
  // The slots that stayed kept their connections.
  CHECK(control.count(c.label(1) + ": ready: worker") == 1);
  CHECK(control.count(c.label(2) + ": ready: worker") == 1);

  // And leaves again (SIGHUP this time).
  c.cfg.workers = 2;
  c.cfg.write(c.dir);
  control.signal(SIGHUP);
  REQUIRE(control.wait_for("reload applied: slot 2 removed"));
  REQUIRE(control.wait_until([&] { return last_round_has_p(control, 2); }));
  CHECK(status_json(c.cfg_dir)["slots"].size() == 2);

  // An invalid config is refused; the old one keeps running.
  c.dir.write("cfg/config.yml", "engine:\n  dataWorkerMultiaddrs: [\"/ip4/127.0.0.1/tcp/notaport\"]\n");
  const auto bad = run_tool({"reload", "--config", dir});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("the new config.yml is invalid") && Catch::Contains("keeps running"));
  const auto before = round_lines(control.output()).size();
  REQUIRE(control.wait_until([&] { return round_lines(control.output()).size() > before && last_round_has_p(control, 2); }));
  stop(control);
  c.cfg.write(c.dir);  // verify reads config.yml too
  const json v = tool_json({"verify", "--config", dir, "--json"});
  CHECK(v["invalid"] == 0);
  CHECK(v["gaps"] == 0);
}
