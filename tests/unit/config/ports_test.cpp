// The ephemeral-port warning, with the kernel's settings injected so the test does not depend
// on the machine it runs on.
#include "node/config/ports.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/config/config_test_support.hpp"

using namespace proofgrid::config;
using proofgrid::test::parse_ok;

namespace {

SlotTable seventeen_slots() {
  std::string text = "engine:\n  dataWorkerMultiaddrs:\n";
  for (int i = 0; i < 17; ++i)
    text += "    - /ip4/192.168.0." + std::to_string(i < 7 ? 200 : 203) + "/tcp/" + std::to_string(40000 + i) + "\n";
  return build_slot_table(parse_ok(text));
}

PortPolicy linux_default() { return PortPolicy{PortRange{32768, 60999}, {}, "/proc/sys/net/ipv4/ip_local_port_range"}; }

}  // namespace

TEST_CASE("ports inside the ephemeral range give one warning per run, saying how to reserve them", "[ports]") {
  auto warnings = ephemeral_port_warnings(seventeen_slots(), linux_default(), "/cfg/config.yml");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].severity == Severity::warning);
  CHECK(warnings[0].to_string() ==
        "/cfg/config.yml:3:7: warning: ports 40000-40016 (17 slots) are inside the kernel's ephemeral port "
        "range 32768-60999 (/proc/sys/net/ipv4/ip_local_port_range), so an outgoing connection can take one "
        "before its worker binds it. Reserve them on each worker machine: sysctl -w "
        "net.ipv4.ip_local_reserved_ports=40000-40016 (keep any ports it already lists; add the setting to "
        "/etc/sysctl.d/90-proofgrid.conf to keep it after a reboot), or move the ports below 32768");
}

TEST_CASE("reserved ports and ports outside the range are not warned about", "[ports]") {
  auto policy = linux_default();
  policy.reserved = {{40000, 40004}, {40010, 40016}};
  auto warnings = ephemeral_port_warnings(seventeen_slots(), policy, "/cfg/config.yml");
  REQUIRE(warnings.size() == 1);  // 40005-40009 remain
  CHECK_THAT(warnings[0].message, Catch::StartsWith("ports 40005-40009 (5 slots) are inside"));
  CHECK(warnings[0].line == 8);

  policy.reserved = {{40000, 40016}};
  CHECK(ephemeral_port_warnings(seventeen_slots(), policy, "x").empty());
  CHECK(ephemeral_port_warnings(seventeen_slots(), PortPolicy{PortRange{50000, 60999}, {}, "x"}, "x").empty());
  CHECK(ephemeral_port_warnings(seventeen_slots(), PortPolicy{}, "x").empty());  // unknown range
}

TEST_CASE("a single port reads in the singular", "[ports]") {
  auto table = build_slot_table(parse_ok("engine:\n  dataWorkerCount: 1\n"));
  auto warnings = ephemeral_port_warnings(table, linux_default(), "/cfg/config.yml");
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0].message, Catch::StartsWith("port 40000 (slot 0) is inside the kernel's ephemeral port range"));
  CHECK_THAT(warnings[0].message, Catch::Contains("Reserve it on each worker machine: sysctl -w net.ipv4.ip_local_reserved_ports=40000 "));
}

TEST_CASE("the port policy is read from the proc files", "[ports]") {
  proofgrid::test::TempDir dir;
  dir.write("ip_local_port_range", "32768\t60999\n");
  dir.write("ip_local_reserved_ports", "40000-40016,50000\n");
  auto policy = read_port_policy(dir.path());
  REQUIRE(policy.ephemeral.has_value());
  CHECK(policy.ephemeral->first == 32768);
  CHECK(policy.ephemeral->last == 60999);
  CHECK(policy.source == (dir.path() / "ip_local_port_range").string());
  REQUIRE(policy.reserved.size() == 2);
  CHECK(policy.reserved[1].first == 50000);
  CHECK(policy.reserved[1].last == 50000);

  proofgrid::test::TempDir empty;  // another kernel: no files, no warning
  CHECK_FALSE(read_port_policy(empty.path()).ephemeral.has_value());
}

TEST_CASE("port lists parse like the kernel writes them", "[ports]") {
  CHECK(parse_port_list("")->empty());
  CHECK(parse_port_list("1-2,5")->size() == 2);
  for (auto bad : {"1-", "-2", "5-1", "70000", "1,,2", "a"}) {
    INFO(bad);
    CHECK_FALSE(parse_port_list(bad).has_value());
  }
}
