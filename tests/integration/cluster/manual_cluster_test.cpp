// The seed tutorial's manual cluster: engine.dataWorkerMultiaddrs lists every worker, the
// operator starts each with `proofgrid --core N`, the control connects. Also: --core out of
// range, a worker killed mid-round, and a control without the cluster's key.
#include <signal.h>

#include <thread>

#include "tests/integration/cluster/cluster_harness.hpp"

using namespace proofgrid::test;

TEST_CASE("the seed's manual layout: listed workers started by hand with --core N", "[cluster][manual]") {
  ManualCluster c(3);
  for (unsigned core = 1; core <= 3; ++core) {
    INFO(c.workers[core - 1]->output());
    REQUIRE(c.workers[core - 1]->wait_for(c.label(core) + ": data worker ready"));
  }
  Proc control({"--config", c.cfg_dir.string()}, c.dir / "control.log");
  INFO(control.output());
  REQUIRE(control.wait_until([&] { return round_lines(control.output()).size() >= 3; }, 60s));
  CHECK_THAT(control.output(), Catch::Contains("3 slots, workers listed in engine.dataWorkerMultiaddrs"));
  CHECK(control.announced_workers().empty());  // it started none
  for (unsigned core = 1; core <= 3; ++core) {
    CHECK_THAT(control.output(), Catch::Contains(c.label(core) + ": ready: worker 127.0.0.1:"));
    CHECK_THAT(c.workers[core - 1]->output(), Catch::Contains(c.label(core) + ": control 127.0.0.1:"));
  }
  control.signal(SIGTERM);
  REQUIRE(control.wait_exit(20s) == 0);
  // Hand-started workers outlive the control and keep serving; they stop on SIGTERM.
  for (auto& w : c.workers) {
    CHECK(w->running());
    w->signal(SIGTERM);
    CHECK(w->wait_exit(20s) == 0);
  }
}

TEST_CASE("a --core of 0 or past the list fails with the valid range", "[cluster][manual]") {
  TempDir dir("pg-manual");
  ClusterConfig cfg;
  cfg.workers = 3;
  cfg.explicit_list = true;
  const auto cfg_dir = cfg.write(dir);
  for (const char* core : {"0", "4", "-1"}) {
    auto r = run_tool({"--config", cfg_dir.string(), "--core", core}, 30s);
    INFO("--core " << core << "\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("the valid range is 1 to 3 (3 addresses in engine.dataWorkerMultiaddrs)"));
  }
}

TEST_CASE("a worker whose address is taken or not on this machine says so and exits 1", "[cluster][manual]") {
  ManualCluster c(1);
  REQUIRE(c.workers[0]->wait_for("data worker ready"));
  Proc& twin = c.start_worker(1);
  REQUIRE(twin.wait_exit(30s) == 1);
  CHECK_THAT(twin.output(), Catch::Contains(c.label(1) + ": cannot listen on 127.0.0.1:"));
  CHECK_THAT(twin.output(), Catch::Contains("is already in use on this machine"));

  TempDir other("pg-manual");
  ClusterConfig remote;
  remote.workers = 1;
  remote.explicit_list = true;
  remote.base_port = 40000;
  remote.extra = "";
  auto remote_dir = remote.write(other);
  auto text = read_file(remote_dir / "config.yml");
  text.replace(text.find("/ip4/127.0.0.1/"), 15, "/ip4/192.0.2.77/");  // TEST-NET-1: not here
  other.write("cfg/config.yml", text);
  auto r = run_tool({"--config", remote_dir.string(), "--core", "1"}, 30s);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("192.0.2.77"));
  CHECK_THAT(r.err, Catch::Contains("not on this machine"));
}

TEST_CASE("a worker killed mid-round: the round completes with its slot proved by another", "[cluster][manual][fault]") {
  ManualCluster c(3, 40000);
  for (auto& w : c.workers) REQUIRE(w->wait_for("data worker ready"));
  Proc control({"--config", c.cfg_dir.string()}, c.dir / "control.log");
  INFO(control.output());
  REQUIRE(control.wait_until([&] { return round_lines(control.output()).size() >= 1; }, 60s));
  // The next round starts at once; kill worker 2 while it proves.
  std::this_thread::sleep_for(150ms);
  c.workers[1]->signal(SIGKILL);
  REQUIRE(control.wait_for(c.label(2) + ": lost the worker", 10s));
  REQUIRE(control.wait_until([&] { return round_lines(control.output()).size() >= 3; }, 60s));
  const auto rounds = round_lines(control.output());
  CHECK_THAT(rounds[1], Catch::Contains("P=3"));
  CHECK_THAT(control.output(), Catch::Contains("round 1: slot 1's proof failed on " + c.label(2) + ": connection lost"));
  CHECK_THAT(rounds[1], Catch::Contains("; 1 reassigned (slot 1 to --core "));
  // The worker comes back (the operator restarts it) and takes its slot again.
  Proc& again = c.start_worker(2);
  REQUIRE(again.wait_for("data worker ready"));
  REQUIRE(control.wait_for(c.label(2) + ": ready: worker", 20s));
}

TEST_CASE("a control without the cluster's key is refused by the workers", "[cluster][manual][auth]") {
  ManualCluster c(2);
  for (auto& w : c.workers) REQUIRE(w->wait_for("data worker ready"));
  // Another identity, the same worker list: its own config names its own key.
  ClusterConfig intruder = c.cfg;
  intruder.fingerprint.reset();
  auto intruder_dir = intruder.write(c.dir, "intruder");
  Proc control({"--config", intruder_dir.string()}, c.dir / "intruder.log");
  INFO(control.output());
  REQUIRE(control.wait_for("the worker refused this control", 20s));
  REQUIRE(c.workers[0]->wait_for("is not this cluster's control key", 10s));
  CHECK_THAT(c.workers[0]->output(), Catch::Contains(c.label(1) + ": refused 127.0.0.1:"));
  CHECK(round_lines(control.output()).empty());
  control.signal(SIGTERM);
  CHECK(control.wait_exit(20s) == 0);
}
