// Fault matrix, the network: machine B's link to the control's machine goes down for longer
// than the heartbeat timeout and comes back. Rounds go on (A's workers prove B's slots), B's
// workers reconnect (backoff at most 5 s), and `proofgrid verify` accepts the chain.
#include <thread>

#include "tests/integration/fault/net_cluster.hpp"

using namespace proofgrid::test;

TEST_CASE("fault: a machine's link down past the heartbeat timeout and up again", "[fault][netns]") {
  auto c = NetCluster::create({{"A", 2}, {"B", 2}}, 2000);
  if (!c) return;  // WARNed: no namespaces here
  c->start();
  Proc& control = *c->control;
  LogOnFailure log_on_failure(control, "control");
  REQUIRE(wait_rounds(control, 2, 60s));
  const std::string b0 = c->label(2), b1 = c->label(3);
  c->lab->set_link("B", false);
  // The control declares B's workers dead after 4 s without a heartbeat answer.
  REQUIRE(control.wait_for(b0 + ": lost the worker", 20s));
  REQUIRE(control.wait_for(b1 + ": lost the worker", 20s));
  const std::size_t down_at = round_count(control);
  REQUIRE(wait_rounds(control, down_at + 2, 60s));
  CHECK_THAT(round_lines(control.output()).back(), Catch::Contains("P=4"));
  CHECK_THAT(round_lines(control.output()).back(), Catch::Contains("2 reassigned"));
  const std::size_t ready_b0 = control.count(b0 + ": ready: worker");
  const std::size_t ready_b1 = control.count(b1 + ": ready: worker");
  c->lab->set_link("B", true);
  // Reconnected within the 5 s backoff ceiling plus a TLS handshake.
  REQUIRE(control.wait_until([&] { return control.count(b0 + ": ready: worker") > ready_b0 &&
                                          control.count(b1 + ": ready: worker") > ready_b1; }, 20s));
  const std::size_t up_at = round_count(control);
  REQUIRE(wait_rounds(control, up_at + 2, 60s));
  CHECK_THAT(round_lines(control.output()).back(), Catch::Contains("; 0 reassigned"));
  stop_cleanly(control);
  verify_clean(c->cfg_dir, up_at + 1);
}
