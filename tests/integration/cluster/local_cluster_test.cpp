// A local cluster: the control process starts its workers (--core N --parent-process PID),
// runs rounds at a fixed difficulty with one log line each, and SIGTERM ends every process
// with exit status 0.
#include <signal.h>

#include "tests/integration/cluster/cluster_harness.hpp"

using namespace proofgrid::test;

namespace {

// Sends `sig` and checks that the control and every worker it started end, with status 0.
void stop_gracefully(Proc& control, int sig) {
  const auto workers = control.announced_workers();
  REQUIRE_FALSE(workers.empty());
  control.signal(sig);
  auto status = control.wait_exit(20s);
  REQUIRE(status);
  CHECK(*status == 0);
  CHECK(all_gone(workers));
  CHECK_THAT(control.output(), Catch::Contains(std::string(sig == SIGINT ? "SIGINT" : "SIGTERM") + ": stopping"));
  CHECK_THAT(control.output(), Catch::Contains("data worker stopped"));
  CHECK_THAT(control.output(), Catch::Contains("control process stopped"));
}

}  // namespace

TEST_CASE("a 3-slot local cluster runs 5 rounds and stops on SIGTERM with exit 0", "[cluster][local]") {
  LocalCluster c(ClusterConfig::of(3));
  Proc& control = *c.control;
  const ClusterConfig& cfg = c.cfg;
  INFO(control.output());
  REQUIRE(c.rounds(5));
  CHECK(control.announced_workers().size() == 3);
  const std::string out = control.output();
  for (unsigned core = 1; core <= 3; ++core) {
    const std::string label = "slot " + std::to_string(core - 1) + " (--core " + std::to_string(core) + ") " +
                              cfg.address(core - 1);
    CHECK_THAT(out, Catch::Contains(label + ": started worker pid"));
    CHECK_THAT(out, Catch::Contains(label + ": self-test passed on the "));
    CHECK_THAT(out, Catch::Contains(label + ": ready: worker 127.0.0.1:"));
  }
  const auto rounds = round_lines(out);
  for (std::size_t k = 0; k < 5; ++k) {
    INFO(rounds[k]);
    CHECK_THAT(rounds[k], Catch::StartsWith("round " + std::to_string(k) + ": P=3 N=128 T=2000 in "));
    CHECK_THAT(rounds[k], Catch::Contains("slowest slot"));
  }
  stop_gracefully(control, SIGTERM);
}

TEST_CASE("SIGINT stops a cluster as gracefully as SIGTERM", "[cluster][local]") {
  LocalCluster c(ClusterConfig::of(2));
  INFO(c.control->output());
  REQUIRE(c.rounds(1));
  stop_gracefully(*c.control, SIGINT);
}

TEST_CASE("a local cluster without the fingerprint in config.yml says which line to add", "[cluster][local]") {
  TempDir dir("pg-cluster");
  ClusterConfig cfg;
  cfg.workers = 1;
  const auto cfg_dir = cfg.write(dir);
  // Drop the fingerprint line.
  auto text = read_file(cfg_dir / "config.yml");
  auto at = text.find("  controlKeyFingerprint:");
  text.erase(at, text.find('\n', at) + 1 - at);
  dir.write("cfg/config.yml", text);
  auto r = run_tool({"--config", cfg_dir.string()}, 30s);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("so the local workers this process starts (they read the same config.yml) "
                                    "would refuse it. Add this line under engine:"));
}
