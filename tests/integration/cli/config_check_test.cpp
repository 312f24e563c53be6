// `proofgrid config check`: exit codes, one stdout line per slot, the --json shape.
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/integration/cli/cli_test_support.hpp"

using namespace proofgrid::test;

TEST_CASE("config check prints one line per slot for the seed's 17-slot cluster", "[cli][check]") {
  TempDir dir;
  use_seed(dir, "three-machines.yml");
  auto r = run_in(dir, {"config", "check"});
  CHECK(r.exit_code == 0);
  REQUIRE(count_lines(r.out) == 17);
  std::istringstream in(r.out);
  int n = 0;
  for (std::string l; std::getline(in, l); ++n) {
    INFO(l);
    // "slot N  --core N+1  /ip4/HOST/tcp/PORT  host HOST"
    std::istringstream fields(l);
    std::string slot_word, core_flag, address, host_word, host, extra;
    int slot = -1, core = -1;
    fields >> slot_word >> slot >> core_flag >> core >> address >> host_word >> host;
    CHECK(slot_word == "slot");
    CHECK(slot == n);
    CHECK(core_flag == "--core");
    CHECK(core == n + 1);
    CHECK(address == "/ip4/" + host + "/tcp/" + std::to_string(40000 + n));
    CHECK(host_word == "host");
    CHECK(host == (n < 3 ? "192.168.0.200" : n < 7 ? "192.168.0.201" : "192.168.0.203"));
    CHECK_FALSE(fields >> extra);
  }
  CHECK_THAT(r.err, Catch::Contains("OK, 17 slots from engine.dataWorkerMultiaddrs"));
  CHECK_THAT(r.err, Catch::Contains("ellipsis"));
  // Checking never writes: no keys.yml, no store, nothing else.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);
}

TEST_CASE("config check --json gives slots and warnings", "[cli][check]") {
  TempDir dir;
  use_seed(dir, "three-machines.yml");
  auto r = run_in(dir, {"config", "check", "--json"});
  CHECK(r.exit_code == 0);
  auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["slots"].is_array());
  REQUIRE(doc["slots"].size() == 17);
  CHECK(doc["slots"][0]["slot"] == 0);
  CHECK(doc["slots"][0]["core"] == 1);
  CHECK(doc["slots"][0]["address"] == "/ip4/192.168.0.200/tcp/40000");
  CHECK(doc["slots"][7]["address"] == "/ip4/192.168.0.203/tcp/40007");
  CHECK(doc["slots"][16]["core"] == 17);
  REQUIRE(doc["warnings"].is_array());
  REQUIRE_FALSE(doc["warnings"].empty());
  for (const auto& w : doc["warnings"]) CHECK(w.is_string());
}

TEST_CASE("config check fails on the seed's misspelt key with the suggestion", "[cli][check]") {
  TempDir dir;
  use_seed(dir, "single-line-array-first.yml");
  auto r = run_in(dir, {"config", "check"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains((dir / "config.yml").string() +
                                    ":5:3: error: unknown key engine.dataWorkersMultiaddrs — did you mean "
                                    "engine.dataWorkerMultiaddrs?"));

  auto j = run_in(dir, {"config", "check", "--json"});
  CHECK(j.exit_code == 1);
  auto doc = nlohmann::json::parse(j.out);
  REQUIRE(doc["errors"].size() == 1);
  CHECK_THAT(doc["errors"][0].get<std::string>(), Catch::Contains("did you mean engine.dataWorkerMultiaddrs?"));
}

TEST_CASE("config check reports every bad value with its position", "[cli][check]") {
  TempDir dir;
  dir.write("config.yml",
            "engine:\n"
            "  dataWorkerMultiaddrs:\n"
            "    - /ip4/192.168.0.200/tcp/40000\n"
            "    - /ip4/192.168.0.200/tcp/40000\n"
            "    - /ip4/192.168.0.300/tcp/40002\n"
            "  difficulty: fast\n");
  auto r = run_in(dir, {"config", "check"});
  CHECK(r.exit_code == 1);
  auto file = (dir / "config.yml").string();
  CHECK_THAT(r.err, Catch::Contains(file + ":4:7: error: engine.dataWorkerMultiaddrs[1]: duplicate address"));
  CHECK_THAT(r.err, Catch::Contains(file + ":5:7: error: engine.dataWorkerMultiaddrs[2]: expected a multiaddr"));
  CHECK_THAT(r.err, Catch::Contains("\"/ip4/192.168.0.300/tcp/40002\""));
  CHECK_THAT(r.err, Catch::Contains(file + ":6:15: error: engine.difficulty: expected a whole number"));
}

TEST_CASE("config check on a directory without config.yml says how to make one", "[cli][check]") {
  TempDir dir;
  auto r = run_proofgrid({"config", "check", "--config", (dir / "missing").string()});
  require_clean_exit(r);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("no config.yml in"));
  CHECK_THAT(r.err, Catch::Contains("proofgrid config init --config"));
  CHECK_FALSE(std::filesystem::exists(dir / "missing"));
}
