// `proofgrid cluster plan` as operators run it: the JSON contract, --out files that
// `proofgrid config check`, systemd-analyze and bash accept, and errors that explain.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/ops/ops_test_support.hpp"

using namespace proofgrid::test;

namespace {

const std::vector<std::string> kSeedHosts = {"cluster", "plan", "--host", "192.168.0.200:3", "--host",
                                             "192.168.0.201:4", "--host", "192.168.0.203:10"};

ProcessResult plan(std::vector<std::string> extra) {
  auto args = kSeedHosts;
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_proofgrid(args);
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  REQUIRE_FALSE(r.timed_out);
  REQUIRE_FALSE(r.signaled);
  return r;
}

}  // namespace

TEST_CASE("cluster plan --json prints the contract for the seed's 17 workers", "[ops][cli]") {
  auto r = plan({"--json"});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["dataWorkerMultiaddrs"].size() == 17);
  CHECK(j["dataWorkerMultiaddrs"][16] == "/ip4/192.168.0.203/tcp/40016");
  REQUIRE(j["machines"].size() == 3);
  CHECK(j["machines"][0]["cores"] == nlohmann::json::array({1, 3}));
  CHECK(j["machines"][1]["cores"] == nlohmann::json::array({4, 7}));
  CHECK(j["machines"][2]["cores"] == nlohmann::json::array({8, 17}));
  CHECK(j["machines"][1]["firewall_ufw"][0] == "ufw allow from 192.168.0.200 to any port 40003:40006 proto tcp");
  CHECK(j["machines"][2]["firewall_ufw"][0] == "ufw allow from 192.168.0.200 to any port 40007:40016 proto tcp");
  CHECK(j["poly_size"] == 128);
  CHECK(j["warnings"].is_array());
  CHECK(r.err.empty());  // warnings live in the JSON
}

TEST_CASE("cluster plan --out writes files that config check, systemd-analyze and bash accept", "[ops][cli]") {
  TempDir dir;
  auto out = dir / "plan";
  // ExecStart must name an executable that exists for systemd-analyze: the built binary.
  auto r = plan({"--out", out.string(), "--binary", proofgrid_binary().string(), "--memory-limit", "1536MiB",
                 "--fingerprint", std::string(64, 'e'), "--base-port", "20000"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("wrote " + (out / "config.yml").string()));
  CHECK(r.err.empty());  // fingerprint given, ports below the ephemeral range, 17 workers

  // The same config.yml on a worker machine and on the control machine (with its keys).
  auto worker_dir = dir / "worker";
  std::filesystem::create_directories(worker_dir);
  std::filesystem::copy_file(out / "config.yml", worker_dir / "config.yml");
  auto check = run_proofgrid({"config", "check", "--config", worker_dir.string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(std::count(check.out.begin(), check.out.end(), '\n') == 17);
  CHECK_THAT(check.out, Catch::Contains("slot 7   --core 8   /ip4/192.168.0.203/tcp/20007"));

  auto analyze = find_tool("systemd-analyze");
  if (analyze.empty()) {
    WARN("systemd-analyze is not installed: the generated units were not verified");
  } else {
    // Verified in the plan's directory so the template is found for the instance.
    auto v = run_process(analyze, {"verify", "./proofgrid.service", "./proofgrid-worker@4.service"},
                         std::chrono::seconds(60), out);
    INFO(v.out << v.err);
    CHECK(v.exit_code == 0);
    CHECK(v.err.find("proofgrid") == std::string::npos);  // unknown settings are only logged
  }
  for (const char* host : {"192.168.0.200", "192.168.0.201", "192.168.0.203"}) {
    auto b = run_process("/bin/bash", {"-n", (out / ("commands-" + std::string(host) + ".sh")).string()});
    CHECK(b.exit_code == 0);
  }
  CHECK_THAT(read_file(out / "proofgrid-worker@.service"), Catch::Contains("\nMemoryMax=1536M\n"));
}

TEST_CASE("cluster plan prints the layout as text, and warnings on stderr", "[ops][cli]") {
  auto r = plan({});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("17 data workers on 3 machines, ports 40000-40016, control process on 192.168.0.200") &&
                        Catch::Contains("systemctl enable --now proofgrid-worker@{8..17}.service") &&
                        Catch::Contains("ufw:       ufw allow from 192.168.0.200 to any port 40003:40006 proto tcp") &&
                        Catch::Contains("[Service]"));
  CHECK_THAT(r.err, Catch::Contains("warning: no --fingerprint"));
}

TEST_CASE("cluster plan errors say what is wrong, and --help teaches with examples", "[ops][cli]") {
  auto bad = run_proofgrid({"cluster", "plan", "--host", "192.168.0.200:3", "--host", "192.168.0.200:4"});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::StartsWith("proofgrid cluster plan: error: machine 192.168.0.200 is given twice"));
  auto overflow = run_proofgrid({"cluster", "plan", "--host", "10.0.0.1:100", "--base-port", "65500"});
  CHECK(overflow.exit_code == 1);
  CHECK_THAT(overflow.err, Catch::Contains("past 65535: use --base-port 65436 or lower"));
  auto memory = run_proofgrid({"cluster", "plan", "--host", "10.0.0.1:1", "--memory-limit", "lots"});
  CHECK_THAT(memory.err, Catch::Contains("--memory-limit \"lots\" is not a size"));
  auto missing = run_proofgrid({"cluster", "plan"});
  CHECK(missing.exit_code != 0);
  CHECK_THAT(missing.err, Catch::Contains("--host is required"));
  auto help = run_proofgrid({"cluster", "plan", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("Examples:") && Catch::Contains("--host 192.168.0.200:3 --host 192.168.0.201:4"));
}
