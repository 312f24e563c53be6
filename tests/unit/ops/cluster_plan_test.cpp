// The planner on the seed tutorial's clusters, its arithmetic at the edges, and every input
// it refuses.
#include "node/ops/cluster_plan.hpp"

#include "node/config/loader.hpp"
#include "node/config/slots.hpp"
#include "node/ops/poly_size.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/ops/ops_test_support.hpp"

using namespace proofgrid;
using ops::make_plan;
using ops::parse_host_spec;
using ops::PlanError;

namespace {

std::string plan_error(ops::PlanInput in) {
  try {
    make_plan(std::move(in));
  } catch (const PlanError& e) {
    return e.what();
  }
  FAIL("expected a PlanError");
  return {};
}

std::string host_error(const std::string& text) {
  try {
    parse_host_spec(text);
  } catch (const PlanError& e) {
    return e.what();
  }
  FAIL("expected a PlanError for --host " << text);
  return {};
}

ops::PlanInput hosts(std::initializer_list<const char*> specs) {
  ops::PlanInput in;
  for (const char* h : specs) in.hosts.push_back(parse_host_spec(h));
  return in;
}

}  // namespace

TEST_CASE("the seed's three machines: --core ranges 1-3, 4-7, 8-17 on ports 40000-40016", "[ops][plan]") {
  auto plan = make_plan(test::seed_three_machines());
  REQUIRE(plan.machines.size() == 3);
  CHECK(plan.total_workers == 17);
  CHECK(plan.control_host == "192.168.0.200");
  CHECK(plan.poly_size == 128);
  CHECK(plan.chunks == 1);
  const unsigned first_core[] = {1, 4, 8}, last_core[] = {3, 7, 17};
  const unsigned first_port[] = {40000, 40003, 40007}, last_port[] = {40002, 40006, 40016};
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("machine " << i);
    CHECK(plan.machines[i].first_core == first_core[i]);
    CHECK(plan.machines[i].last_core == last_core[i]);
    CHECK(plan.machines[i].first_port == first_port[i]);
    CHECK(plan.machines[i].last_port == last_port[i]);
    CHECK(plan.machines[i].control == (i == 0));
  }
  CHECK(&plan.control_machine() == &plan.machines[0]);

  // The worker list is the tutorial's, address for address.
  test::TempDir dir;
  dir.write("config.yml", test::read_file(test::fixtures_dir() / "seeds" / "three-machines.yml"));
  auto seed = config::load_config(dir.path(), config::Environment{4, {}});
  auto table = config::build_slot_table(seed);
  REQUIRE(table.slots.size() == plan.worker_multiaddrs.size());
  for (std::size_t i = 0; i < table.slots.size(); ++i) {
    INFO("slot " << i);
    CHECK(plan.worker_multiaddrs[i].text() == table.slots[i].address.text());
  }
}

TEST_CASE("host specs: IPv4, bracketed IPv6 and names, each with a worker count", "[ops][plan]") {
  auto a = parse_host_spec("192.168.0.200:3");
  CHECK(a.protocol == config::AddressProtocol::ip4);
  CHECK(a.host == "192.168.0.200");
  CHECK(a.workers == 3);
  auto b = parse_host_spec("[FD00:0:0::201]:4");
  CHECK(b.protocol == config::AddressProtocol::ip6);
  CHECK(b.host == "fd00::201");
  auto c = parse_host_spec("Worker-C.lan:10");
  CHECK(c.protocol == config::AddressProtocol::dns);
  CHECK(c.host == "worker-c.lan");
  CHECK(c.workers == 10);
}

TEST_CASE("bad host specs say what is wrong and how to write them", "[ops][plan]") {
  CHECK_THAT(host_error("192.168.0.200"), Catch::Contains("has no worker count") && Catch::Contains("192.168.0.201:4"));
  CHECK_THAT(host_error("192.168.0.300:4"), Catch::Contains("ip4 address \"192.168.0.300\""));
  CHECK_THAT(host_error("fd00::1:4"), Catch::Contains("goes in brackets, like [fd00::201]:4"));
  CHECK_THAT(host_error("[fd00::1]4"), Catch::Contains("must be followed by :N"));
  CHECK_THAT(host_error("192.168.0.200:0"), Catch::Contains("--control ADDRESS"));
  CHECK_THAT(host_error("192.168.0.200:three"), Catch::Contains("\"three\" is not a whole number 1-65535"));
  CHECK_THAT(host_error("192.168.0.200:70000"), Catch::Contains("not a whole number 1-65535"));
  CHECK_THAT(host_error(":4"), Catch::Contains("has no host"));
  CHECK_THAT(host_error("bad_name:4"), Catch::Contains("--host \"bad_name:4\""));
}

TEST_CASE("the planner refuses duplicate machines, port overflow and unreachable addresses", "[ops][plan]") {
  CHECK_THAT(plan_error({}), Catch::Contains("no machines"));
  CHECK_THAT(plan_error(hosts({"192.168.0.200:3", "192.168.0.201:4", "192.168.0.200:2"})),
             Catch::Contains("machine 192.168.0.200 is given twice") && Catch::Contains("--host 192.168.0.200:5"));
  CHECK_THAT(plan_error(hosts({"[fd00::1]:3", "[fd00:0::1]:2"})), Catch::Contains("machine fd00::1 is given twice"));

  auto overflow = test::seed_three_machines();
  overflow.base_port = 65530;
  CHECK(plan_error(overflow) ==
        "17 workers from --base-port 65530 would need ports 65530-65546, past 65535: use --base-port 65519 or lower");
  overflow.base_port = 65519;  // the last port is exactly 65535
  CHECK(make_plan(overflow).machines.back().last_port == 65535);
  overflow.base_port = 80;
  CHECK_THAT(plan_error(overflow), Catch::Contains("--base-port 80: worker ports must be 1024-65535"));

  CHECK_THAT(plan_error(hosts({"0.0.0.0:4"})), Catch::Contains("the control cannot connect to it"));
  CHECK_THAT(plan_error(hosts({"192.168.0.200:3", "127.0.0.1:4"})),
             Catch::Contains("127.0.0.1 is a loopback address"));
  CHECK_THAT(plan_error(hosts({"worker-a.lan:3", "192.168.0.201:4"})), Catch::Contains("add --control IP"));
  auto named_control = hosts({"192.168.0.200:3"});
  named_control.control_host = "worker-a.lan";
  CHECK_THAT(plan_error(named_control), Catch::Contains("--control \"worker-a.lan\" is not an IP address"));
  auto bad_fp = hosts({"192.168.0.200:3"});
  bad_fp.control_key_fingerprint = "abc";
  CHECK_THAT(plan_error(bad_fp), Catch::Contains("--fingerprint \"abc\"") && Catch::Contains("3 hex digits"));
  auto bad_path = hosts({"192.168.0.200:3"});
  bad_path.binary = "/opt/my proofgrid/proofgrid";
  CHECK_THAT(plan_error(bad_path), Catch::Contains("--binary \"/opt/my proofgrid/proofgrid\""));
  auto bad_user = hosts({"192.168.0.200:3"});
  bad_user.user = "Root!";
  CHECK_THAT(plan_error(bad_user), Catch::Contains("--user \"Root!\""));
}

TEST_CASE("a single machine may use loopback, and a --control no --host names runs only the control", "[ops][plan]") {
  auto local = make_plan(hosts({"127.0.0.1:4"}));
  CHECK(local.control_host == "127.0.0.1");
  CHECK(local.machines.size() == 1);

  auto in = hosts({"10.0.0.2:63", "10.0.0.3:63"});
  in.control_host = "10.0.0.1";
  auto plan = make_plan(in);
  REQUIRE(plan.machines.size() == 3);
  CHECK(plan.machines[2].control);
  CHECK(plan.machines[2].workers() == 0);
  CHECK_FALSE(plan.machines[0].control);
  CHECK(plan.total_workers == 126);
  CHECK(plan.machines[1].first_core == 64);

  auto named = hosts({"worker-a.lan:3", "192.168.0.201:4"});
  named.control_host = "[fd00::9]";
  CHECK(make_plan(named).control_protocol == config::AddressProtocol::ip6);
}

TEST_CASE("PolySize: N = 128 up to 128 workers, then 1024 per chunk of 1024 slots", "[ops][poly]") {
  CHECK(ops::poly_size(1) == 128);
  CHECK(ops::poly_size(128) == 128);
  CHECK(ops::poly_size(129) == 1024);
  CHECK(ops::poly_size(5000) == 1024);
  CHECK(ops::chunk_count(1024) == 1);
  CHECK(ops::chunk_count(1025) == 2);
  CHECK(ops::chunk_count(2049) == 3);
  CHECK(ops::reference_poly_size(2049) == 65536);
}

TEST_CASE("worker counts just above 128, 1024 and 2048 are warned about with the PolySize", "[ops][poly]") {
  for (std::size_t quiet : {1, 17, 127, 128, 145, 1000, 1024, 1153, 2048, 2305}) {
    INFO(quiet << " workers");
    CHECK_FALSE(ops::worker_count_warning(quiet));
  }
  auto w129 = ops::worker_count_warning(129);
  REQUIRE(w129);
  CHECK_THAT(*w129, Catch::StartsWith("129 workers is just above 128: every round commits at PolySize N = 1024 "
                                      "instead of N = 128") &&
                        Catch::Contains("With 128 workers (drop 1) each round stays at N = 128 in 1 commitment."));
  auto w1025 = ops::worker_count_warning(1025);
  REQUIRE(w1025);
  CHECK_THAT(*w1025, Catch::Contains("split into 1024-point chunk commitments (N = 1024 per chunk)") &&
                         Catch::Contains("1025 workers need 2 chunks where 1024 need 1") &&
                         Catch::Contains("from 1024 to 2048"));
  auto w2304 = ops::worker_count_warning(2304);
  REQUIRE(w2304);
  CHECK_THAT(*w2304, Catch::Contains("2304 workers need 3 chunks where 2048 need 2") &&
                         Catch::Contains("from 2048 to 65536") && Catch::Contains("in 2 commitments."));

  // The plan carries the warning and the numbers.
  auto in = hosts({"10.0.0.1:64", "10.0.0.2:65"});
  auto plan = make_plan(in);
  CHECK(plan.poly_size == 1024);
  REQUIRE_FALSE(plan.warnings.empty());
  CHECK_THAT(plan.warnings.front(), Catch::StartsWith("129 workers is just above 128"));
}

TEST_CASE("ports inside the assumed ephemeral range are warned about once, with the sysctl fix", "[ops][plan]") {
  auto in = test::seed_three_machines();
  in.control_key_fingerprint = std::string(64, 'a');
  CHECK(make_plan(in).warnings.empty());  // no range known: nothing to say

  in.ports = config::PortPolicy{config::PortRange{32768, 60999}, {}, "the Linux default"};
  auto plan = make_plan(in);
  REQUIRE(plan.warnings.size() == 1);
  CHECK_THAT(plan.warnings[0], Catch::StartsWith("ports 40000-40016 (17 slots) are inside the kernel's ephemeral port "
                                                 "range 32768-60999") &&
                                   Catch::Contains("net.ipv4.ip_local_reserved_ports=40000-40016") &&
                                   Catch::EndsWith("(--base-port sets the first port)"));
  in.base_port = 20000;
  CHECK(make_plan(in).warnings.empty());
}

TEST_CASE("a plan without --fingerprint warns that the workers would accept no control", "[ops][plan]") {
  auto plan = make_plan(test::seed_three_machines());
  REQUIRE(plan.warnings.size() == 1);
  CHECK_THAT(plan.warnings[0], Catch::StartsWith("no --fingerprint") &&
                                   Catch::Contains("proofgrid config init --config /var/lib/proofgrid"));
  auto in = test::seed_three_machines();
  in.control_key_fingerprint = "sha256:" + std::string(64, 'A');
  auto with = make_plan(in);
  CHECK(with.warnings.empty());
  CHECK(with.input.control_key_fingerprint == std::string(64, 'a'));
}
