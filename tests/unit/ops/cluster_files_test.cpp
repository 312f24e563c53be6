// What the planner writes: a config.yml the loader accepts, the seed's firewall rules with the
// right source and range, nftables files nft accepts, units, scripts and the --json contract.
#include "node/ops/cluster_files.hpp"

#include <sys/stat.h>

#include "node/config/loader.hpp"
#include "node/config/slots.hpp"
#include "node/ops/firewall_rules.hpp"
#include "node/ops/systemd_units.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/ops/ops_test_support.hpp"

using namespace proofgrid;

namespace {

ops::ClusterPlan seed_plan() {
  auto in = test::seed_three_machines();
  in.memory_limit = 2ULL << 30;
  in.control_key_fingerprint = std::string(64, 'c');
  return ops::make_plan(in);
}

// Braces balance and never close more than they opened.
bool balanced(const std::string& text) {
  int depth = 0;
  for (char c : text) {
    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth == 0;
}

}  // namespace

TEST_CASE("the generated config.yml loads to the planned slots, memory limit and fingerprint", "[ops][files]") {
  auto plan = seed_plan();
  auto text = ops::cluster_config_yml(plan);
  auto cfg = config::parse_config(text, "/plan/config.yml", config::Environment{2, {}});
  auto table = config::build_slot_table(cfg);
  REQUIRE(table.from_list);
  REQUIRE(table.slots.size() == 17);
  for (std::size_t i = 0; i < 17; ++i) CHECK(table.slots[i].address == plan.worker_multiaddrs[i]);
  CHECK(cfg.engine.data_worker_memory_limit.value == (2ULL << 30));
  CHECK(cfg.engine.control_key_fingerprint.value == std::string(64, 'c'));
  CHECK(cfg.warnings.empty());
  // Every documented key is still there (the generator wrote it), the list in the seed's shape.
  CHECK_THAT(text, Catch::Contains("  pauseMaxDuration: 30m\n") && Catch::Contains("metrics:\n"));
  CHECK_THAT(ops::multiaddr_block(plan),
             Catch::StartsWith("engine:\n  dataWorkerMultiaddrs:\n    # 192.168.0.200: --core 1-3 (the control machine)\n"
                               "    - /ip4/192.168.0.200/tcp/40000\n") &&
                 Catch::Contains("    # 192.168.0.201: --core 4-7\n    - /ip4/192.168.0.201/tcp/40003\n") &&
                 Catch::EndsWith("    - /ip4/192.168.0.203/tcp/40016\n"));
}

TEST_CASE("ufw opens each worker machine's range to the control only, and the control needs nothing", "[ops][firewall]") {
  auto plan = seed_plan();
  CHECK(ops::ufw_rules(plan, plan.machines[0]).empty());
  CHECK(ops::ufw_rules(plan, plan.machines[1]) ==
        std::vector<std::string>{"ufw allow from 192.168.0.200 to any port 40003:40006 proto tcp"});
  CHECK(ops::ufw_rules(plan, plan.machines[2]) ==
        std::vector<std::string>{"ufw allow from 192.168.0.200 to any port 40007:40016 proto tcp"});
  CHECK_THAT(ops::ufw_script(plan, plan.machines[0]), Catch::Contains("Nothing to open on the control machine"));
  CHECK_THAT(ops::ufw_script(plan, plan.machines[2]),
             Catch::StartsWith("#!/bin/sh\n") &&
                 Catch::EndsWith("set -e\nufw allow from 192.168.0.200 to any port 40007:40016 proto tcp\n"));

  auto one = ops::make_plan([] {
    ops::PlanInput in;
    in.hosts = {ops::parse_host_spec("[fd00::200]:1"), ops::parse_host_spec("[fd00::201]:1")};
    return in;
  }());
  CHECK(ops::ufw_rules(one, one.machines[1]) ==
        std::vector<std::string>{"ufw allow from fd00::200 to any port 40001 proto tcp"});
  CHECK(ops::nft_rules(one, one.machines[1])[1] == "tcp dport 40001 ip6 saddr fd00::200 accept");
}

TEST_CASE("nftables files accept loopback and the control, drop the rest, and pass nft -c", "[ops][firewall]") {
  auto plan = seed_plan();
  test::TempDir dir;
  std::string nft = test::find_tool("nft");
  if (nft.empty()) WARN("nft is not installed (apt-get install nftables): checking structure only");
  for (const auto& m : plan.machines) {
    auto text = ops::nft_file(plan, m);
    INFO(text);
    CHECK(balanced(text));
    auto rules = ops::nft_rules(plan, m);
    REQUIRE(rules.size() == 3);
    std::string range = std::to_string(m.first_port) + "-" + std::to_string(m.last_port);
    CHECK(rules[0] == "tcp dport " + range + " iif \"lo\" accept");
    CHECK(rules[1] == "tcp dport " + range + " ip saddr 192.168.0.200 accept");
    CHECK(rules[2] == "tcp dport " + range + " drop");
    CHECK_THAT(text, Catch::Contains("table inet proofgrid_workers {\n  chain input {\n"
                                     "    type filter hook input priority filter; policy accept;\n    " + rules[0]));
    if (nft.empty()) continue;
    auto file = dir.write("firewall-" + ops::host_file_part(m) + ".nft", text);
    auto r = test::run_process(nft, {"-c", "-f", file.string()}, std::chrono::seconds(30));
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  if (!nft.empty()) {  // and the check does catch a broken file
    auto bad = dir.write("bad.nft", "table inet proofgrid_workers {\n  chain input {\n    tcp dport 1-2 acept\n  }\n}\n");
    CHECK(test::run_process(nft, {"-c", "-f", bad.string()}, std::chrono::seconds(30)).exit_code != 0);
  }
}

TEST_CASE("units: the worker template runs --core %i under MemoryMax with a restart policy", "[ops][systemd]") {
  auto plan = seed_plan();
  auto worker = ops::worker_unit(plan);
  CHECK_THAT(worker, Catch::Contains("\nExecStart=/usr/local/bin/proofgrid --config /var/lib/proofgrid --core %i\n") &&
                         Catch::Contains("\nMemoryMax=2G\n") && Catch::Contains("\nRestart=on-failure\n") &&
                         Catch::Contains("\nRestartSec=5s\n") && Catch::Contains("\nStartLimitBurst=5\n") &&
                         Catch::Contains("\nUser=proofgrid\n") && Catch::Contains("\n[Install]\nWantedBy=multi-user.target\n"));
  auto control = ops::control_unit(plan);
  CHECK_THAT(control, Catch::Contains("\nExecStart=/usr/local/bin/proofgrid --config /var/lib/proofgrid\n") &&
                          Catch::Contains("\nExecReload=/bin/kill -HUP $MAINPID\n"));
  CHECK_THAT(control, !Catch::Contains("MemoryMax"));
  CHECK(ops::systemd_memory(0) == "infinity");
  CHECK(ops::systemd_memory(1536ULL << 20) == "1536M");
  CHECK(ops::systemd_memory(3ULL << 40) == "3T");
  CHECK(ops::systemd_memory(1000) == "1000");
  CHECK(ops::systemctl_command(plan.machines[0]) == "systemctl enable --now proofgrid.service proofgrid-worker@{1..3}.service");
  CHECK(ops::systemctl_command(plan.machines[2]) == "systemctl enable --now proofgrid-worker@{8..17}.service");
}

TEST_CASE("per-machine commands: the --core range, and scripts bash accepts", "[ops][files]") {
  auto plan = seed_plan();
  CHECK(ops::machine_command(plan, plan.machines[1]) ==
        "for core in {4..7}; do /usr/local/bin/proofgrid --config /var/lib/proofgrid --core $core & done; wait");
  CHECK_THAT(ops::machine_command(plan, plan.machines[0]),
             Catch::StartsWith("/usr/local/bin/proofgrid --config /var/lib/proofgrid & for core in {1..3}; do"));
  test::TempDir dir;
  for (const auto& m : plan.machines) {
    auto text = ops::commands_script(plan, m);
    INFO(text);
    CHECK_THAT(text, Catch::StartsWith("#!/usr/bin/env bash\n") && Catch::Contains("\nset -euo pipefail\n") &&
                         Catch::Contains("\n" + ops::systemctl_command(m) + "\n"));
    CHECK((text.find("keys.yml ]]; then") != std::string::npos) == m.control);
    auto file = dir.write("commands.sh", text);
    CHECK(test::run_process("/bin/bash", {"-n", file.string()}, std::chrono::seconds(30)).exit_code == 0);
  }
}

TEST_CASE("the JSON plan follows the acceptance contract", "[ops][json]") {
  auto json = ops::plan_json(seed_plan());
  REQUIRE(json["dataWorkerMultiaddrs"].size() == 17);
  CHECK(json["dataWorkerMultiaddrs"][7] == "/ip4/192.168.0.203/tcp/40007");
  REQUIRE(json["machines"].size() == 3);
  const auto& b = json["machines"][1];
  CHECK(b["host"] == "192.168.0.201");
  CHECK(b["cores"] == nlohmann::json::array({4, 7}));
  CHECK(b["ports"] == nlohmann::json::array({40003, 40006}));
  CHECK(b["firewall_ufw"] == nlohmann::json::array({"ufw allow from 192.168.0.200 to any port 40003:40006 proto tcp"}));
  CHECK_THAT(b["command"].get<std::string>(), Catch::Contains("--core $core"));
  CHECK(json["machines"][0]["control"] == true);
  CHECK(json["machines"][2]["cores"] == nlohmann::json::array({8, 17}));
  CHECK(json["poly_size"] == 128);
  CHECK(json["warnings"].is_array());
  CHECK(json["control"]["host"] == "192.168.0.200");
}

TEST_CASE("the plan files are written with its mode, never over a live config directory", "[ops][files]") {
  auto plan = seed_plan();
  auto files = ops::plan_files(plan);
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"config.yml", "proofgrid.service", "proofgrid-worker@.service",
                                          "commands-192.168.0.200.sh", "firewall-192.168.0.200.ufw",
                                          "firewall-192.168.0.200.nft", "commands-192.168.0.201.sh",
                                          "firewall-192.168.0.201.ufw", "firewall-192.168.0.201.nft",
                                          "commands-192.168.0.203.sh", "firewall-192.168.0.203.ufw",
                                          "firewall-192.168.0.203.nft"});
  test::TempDir dir;
  ops::write_plan_files(files, dir / "plan");
  struct stat st{};
  REQUIRE(::stat((dir / "plan" / "commands-192.168.0.201.sh").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0755);
  CHECK(test::read_file(dir / "plan" / "config.yml") == files[0].content);

  dir.write("live/keys.yml", "identityKey: x\n");
  CHECK_THROWS_WITH(ops::write_plan_files(files, dir / "live"), Catch::Contains("holds keys.yml"));
}
