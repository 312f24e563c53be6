// The seed's three-machine layout in network namespaces: machine A runs the control process
// and 3 workers, B 4 workers, C 10; every worker on its machine's 10.x address. Rounds run
// over the veth links and `proofgrid verify` accepts the chain.
#include "tests/integration/fault/net_cluster.hpp"

using namespace proofgrid::test;

TEST_CASE("three machines (A: control + 3 workers, B: 4, C: 10) in namespaces run a verified chain",
          "[multihost][netns]") {
  auto c = NetCluster::create({{"A", 3}, {"B", 4}, {"C", 10}}, 500);
  if (!c) return;  // WARNed: no namespaces here
  c->start();
  Proc& control = *c->control;
  LogOnFailure log_on_failure(control, "control");
  REQUIRE(wait_rounds(control, 3, 120s));
  for (unsigned slot = 0; slot < 17; ++slot) {
    CHECK_THAT(control.output(), Catch::Contains(c->label(slot) + ": ready: worker " + c->cfg.hosts[slot] + ":"));
  }
  CHECK_THAT(c->cfg.address(16), Catch::StartsWith("/ip4/10.77.2.2/"));
  for (const auto& line : round_lines(control.output())) CHECK_THAT(line, Catch::Contains("P=17"));
  // The last round had every slot proved by its own worker, across the three machines.
  CHECK_THAT(round_lines(control.output()).back(), Catch::Contains("; 0 reassigned"));
  stop_cleanly(control);
  verify_clean(c->cfg_dir, 2);
}
