#include "node/config/slots.hpp"
#include "tests/unit/config/config_test_support.hpp"

using namespace proofgrid::config;
using proofgrid::test::parse_ok;

namespace {

std::string core_error(const SlotTable& table, const std::string& core) {
  try {
    slot_for_core(table, core);
  } catch (const CoreRangeError& e) {
    return e.what();
  }
  FAIL("--core " << core << " was accepted");
  return {};
}

}  // namespace

TEST_CASE("with an empty list, slot i listens on the base port + i", "[slots]") {
  auto cfg = parse_ok("engine:\n  dataWorkerBaseListenPort: 41000\n  dataWorkerCount: 3\n");
  auto table = build_slot_table(cfg);
  CHECK_FALSE(table.from_list);
  REQUIRE(table.slots.size() == 3);
  for (unsigned core = 1; core <= 3; ++core) {
    const Slot& s = slot_for_core(table, std::to_string(core));
    CHECK(s.index == core - 1);
    CHECK(s.address.text() == "/ip4/127.0.0.1/tcp/" + std::to_string(41000 + core - 1));
  }
}

TEST_CASE("an out-of-range --core says why and names the valid range", "[slots]") {
  auto table = build_slot_table(parse_ok("engine:\n  dataWorkerCount: 3\n"));
  const std::string range =
      "the valid range is 1 to 3 (engine.dataWorkerCount is 3 and engine.dataWorkerMultiaddrs is empty)";
  CHECK(core_error(table, "0") ==
        "--core 0 is out of range: cores count from 1 (--core 1 is slot 0); " + range);
  CHECK(core_error(table, "-2") ==
        "--core -2 is out of range: cores count from 1 (--core 1 is slot 0); " + range);
  CHECK(core_error(table, "4") == "--core 4 is out of range: " + range +
                                      "; raise engine.dataWorkerCount or start this worker with a --core in range");
  CHECK(core_error(table, "x1") == "--core \"x1\" is not a whole number: --core takes the 1-based worker "
                                   "number (--core 1 is slot 0); " + range);
  CHECK(core_error(table, "99999999999999999999999") .find("is not a whole number") != std::string::npos);

  auto listed = build_slot_table(parse_ok("engine:\n  dataWorkerMultiaddrs: [/ip4/10.0.0.1/tcp/1, /ip4/10.0.0.1/tcp/2]\n"));
  CHECK(core_error(listed, "3") ==
        "--core 3 is out of range: the valid range is 1 to 2 (2 addresses in engine.dataWorkerMultiaddrs); "
        "add an address for slot 2 to engine.dataWorkerMultiaddrs or start this worker with a --core in range");
}

TEST_CASE("slot lines are aligned, one per slot", "[slots]") {
  auto table = build_slot_table(parse_ok(
      "engine:\n  dataWorkerMultiaddrs:\n"
      + [] {
          std::string s;
          for (int i = 0; i < 11; ++i) s += "    - /ip4/10.0.0." + std::to_string(i < 5 ? 1 : 22) + "/tcp/" + std::to_string(40000 + i) + "\n";
          return s;
        }()));
  auto lines = format_slot_lines(table);
  REQUIRE(lines.size() == 11);
  CHECK(lines[0] == "slot 0   --core 1   /ip4/10.0.0.1/tcp/40000   host 10.0.0.1");
  CHECK(lines[10] == "slot 10  --core 11  /ip4/10.0.0.22/tcp/40010  host 10.0.0.22");
}
