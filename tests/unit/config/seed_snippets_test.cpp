// The seed tutorial's YAML snippets, verbatim (tests/fixtures/seeds, checked against
// ../shared/seeds), and what the config layer makes of each.
#include "node/config/slots.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/config/config_test_support.hpp"

using namespace proofgrid::config;
using proofgrid::test::diagnostics_of;
using proofgrid::test::parse_ok;

namespace {

std::string fixture(const std::string& name) {
  return proofgrid::test::read_file(proofgrid::test::fixtures_dir() / "seeds" / name);
}

std::string fix_spelling(std::string text) {
  for (auto at = text.find("dataWorkersMultiaddrs"); at != std::string::npos;
       at = text.find("dataWorkersMultiaddrs", at))
    text.replace(at, 21, "dataWorkerMultiaddrs");
  return text;
}

const char* const kUnknownKey =
    "unknown key engine.dataWorkersMultiaddrs — did you mean engine.dataWorkerMultiaddrs?";

}  // namespace

TEST_CASE("seed fixtures are verbatim copies of the tutorial", "[seed]") {
  auto seed = proofgrid::test::read_file(proofgrid::test::shared_dir() / "seeds/000_a7517a64b7adbe63.txt");
  for (auto name : {"single-line-arrays-block.yml", "single-line-array-first.yml",
                    "single-line-array-second.yml", "multi-line-array.yml",
                    "full-example-two-machines.yml", "three-machines.yml"}) {
    INFO(name);
    auto text = fixture(name);
    CHECK(text.size() > 50);
    CHECK(seed.find(text) != std::string::npos);
  }
}

TEST_CASE("the seed's misspelt dataWorkersMultiaddrs is an unknown key with the suggestion", "[seed]") {
  struct Case {
    const char* file;
    int line;
  };
  for (auto c : {Case{"single-line-array-first.yml", 5}, Case{"single-line-array-second.yml", 2},
                 Case{"multi-line-array.yml", 4}}) {
    INFO(c.file);
    auto all = diagnostics_of(fixture(c.file));
    REQUIRE(all.size() == 2);
    CHECK(all[0].to_string() == "/cfg/config.yml:" + std::to_string(c.line) + ":3: error: " + kUnknownKey);
    CHECK(all[0].key == "engine.dataWorkersMultiaddrs");
    // The tutorial's "...." line is an ellipsis: a warning, not a silent element.
    CHECK(all[1].severity == Severity::warning);
    CHECK_THAT(all[1].message, Catch::Contains("ellipsis"));
  }
}

TEST_CASE("the seed's whole single-line block: the unknown key and the repeated engine:", "[seed]") {
  auto all = diagnostics_of(fixture("single-line-arrays-block.yml"));
  REQUIRE(all.size() >= 2);
  CHECK(all[0].to_string() == std::string("/cfg/config.yml:5:3: error: ") + kUnknownKey);
  CHECK(all[1].to_string() ==
        "/cfg/config.yml:12:1: error: duplicate key engine: line 4 already sets it; delete one of the two");
}

TEST_CASE("the seed's flow sequences, spelt right, give their addresses", "[seed]") {
  auto first = parse_ok(fix_spelling(fixture("single-line-array-first.yml")));
  REQUIRE(first.engine.data_worker_multiaddrs.value.size() == 1);
  CHECK(first.engine.data_worker_multiaddrs.value[0].value.text() == "/ip4/127.0.0.1/tcp/40000");
  CHECK(first.warnings.size() == 1);

  auto second = parse_ok(fix_spelling(fixture("single-line-array-second.yml")));
  std::vector<std::string> got;
  for (const auto& a : second.engine.data_worker_multiaddrs.value) got.push_back(a.value.text());
  CHECK(got == std::vector<std::string>{"/ip4/127.0.0.1/tcp/40000", "/ip4/127.0.0.1/tcp/40001",
                                        "/ip4/127.0.0.1/tcp/40003", "/ip4/127.0.0.1/tcp/40004"});

  auto block = parse_ok(fix_spelling(fixture("multi-line-array.yml")));
  REQUIRE(block.engine.data_worker_multiaddrs.value.size() == 1);
}

TEST_CASE("the seed's two-machine example has 7 slots", "[seed]") {
  auto cfg = parse_ok(fixture("full-example-two-machines.yml"));
  auto table = build_slot_table(cfg);
  REQUIRE(table.slots.size() == 7);
  CHECK(table.from_list);
  CHECK(table.slots[2].address.text() == "/ip4/192.168.0.200/tcp/40002");
  CHECK(table.slots[3].address.text() == "/ip4/192.168.0.201/tcp/40003");
  CHECK(cfg.engine.difficulty.value == 0);
  CHECK(cfg.engine.difficulty.origin.line == 13);
  // "  ..." on line 2 is the tutorial's ellipsis; "..." at column 1 ends the YAML document.
  REQUIRE(cfg.warnings.size() == 1);
  CHECK(cfg.warnings[0].to_string() ==
        "/cfg/config.yml:2:3: warning: a line holding only \"...\" is read as the tutorial's ellipsis "
        "for lines left out and is ignored; delete it");
}

TEST_CASE("the seed's three-machine example maps --core 1..17 to slots 0..16", "[seed][slots]") {
  auto cfg = parse_ok(fixture("three-machines.yml"));
  auto table = build_slot_table(cfg);
  REQUIRE(table.slots.size() == 17);
  for (unsigned core = 1; core <= 17; ++core) {
    INFO("--core " << core);
    const Slot& s = slot_for_core(table, std::to_string(core));
    CHECK(s.index == core - 1);
    CHECK(s.core == core);
    CHECK(s.address.port() == 40000 + core - 1);  // the tutorial numbers ports with the slots
    std::string host = core <= 3 ? "192.168.0.200" : core <= 7 ? "192.168.0.201" : "192.168.0.203";
    CHECK(s.address.host() == host);
    CHECK(s.address.text() == "/ip4/" + host + "/tcp/" + std::to_string(40000 + core - 1));
    CHECK(s.origin.line == static_cast<int>(core + (core <= 3 ? 4 : core <= 7 ? 5 : 6)));
  }
  CHECK(slot_for_core(table, "8").address.text() == "/ip4/192.168.0.203/tcp/40007");
  for (auto bad : {"0", "-1", "18", "100", "abc", "", "1.5", "+3"}) {
    INFO("--core " << bad);
    try {
      slot_for_core(table, bad);
      FAIL("accepted --core " << bad);
    } catch (const CoreRangeError& e) {
      CHECK_THAT(e.what(), Catch::Contains("the valid range is 1 to 17 (17 addresses in engine.dataWorkerMultiaddrs)"));
    }
  }
}
