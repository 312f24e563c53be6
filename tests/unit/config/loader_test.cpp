// config.yml structure: unknown and duplicate keys, YAML errors, sequences, derived defaults
// and the checks across keys. Every error names file:line:column, the key path and what
// was expected.
#include "tests/unit/config/config_test_support.hpp"

using namespace proofgrid::config;
using proofgrid::test::diagnostics_of;
using proofgrid::test::first_error;
using proofgrid::test::parse_ok;

TEST_CASE("unknown keys are errors with a suggestion", "[loader]") {
  CHECK(first_error("engine:\n  difficluty: 5\n") ==
        "/cfg/config.yml:2:3: error: unknown key engine.difficluty — did you mean engine.difficulty?");
  CHECK(first_error("engine:\n  dataWorkersMultiaddrs: []\n") ==
        "/cfg/config.yml:2:3: error: unknown key engine.dataWorkersMultiaddrs — did you mean "
        "engine.dataWorkerMultiaddrs?");
  // A key that lost its section, or sits in the wrong one.
  CHECK(first_error("dataWorkerMultiaddrs: []\n") ==
        "/cfg/config.yml:1:1: error: unknown key dataWorkerMultiaddrs — did you mean engine.dataWorkerMultiaddrs?");
  CHECK(first_error("metrics:\n  difficulty: 3\n") ==
        "/cfg/config.yml:2:3: error: unknown key metrics.difficulty — did you mean engine.difficulty?");
  CHECK(first_error("engin:\n  difficulty: 3\n") ==
        "/cfg/config.yml:1:1: error: unknown key engin — did you mean engine?");
}

TEST_CASE("unknown keys without a near match list what is known", "[loader]") {
  auto e = first_error("engine:\n  listenGrpcMultiaddr: /ip4/127.0.0.1/tcp/8337\n");
  CHECK_THAT(e, Catch::StartsWith("/cfg/config.yml:2:3: error: unknown key engine.listenGrpcMultiaddr — "
                                  "the keys under engine: are dataWorkerMultiaddrs, "));
  CHECK_THAT(e, Catch::Contains("insecureLoopbackNoAuth"));
  CHECK(first_error("p2p:\n  listenMultiaddr: x\n") ==
        "/cfg/config.yml:1:1: error: unknown key p2p — config.yml has the sections engine:, metrics: and store:");
}

TEST_CASE("duplicate keys are errors naming both lines", "[loader]") {
  CHECK(first_error("engine:\n  difficulty: 1\n  difficulty: 2\n") ==
        "/cfg/config.yml:3:3: error: duplicate key engine.difficulty: line 2 already sets it; "
        "delete one of the two");
  CHECK(first_error("engine:\n  difficulty: 1\nengine:\n  backend: cpu\n") ==
        "/cfg/config.yml:3:1: error: duplicate key engine: line 1 already sets it; delete one of the two");
}

TEST_CASE("every error is reported, in file order", "[loader]") {
  auto all = diagnostics_of(
      "engine:\n"
      "  difficulty: lots\n"
      "  dataWorkerMultiaddrs:\n"
      "    - /ip4/10.0.0.1/tcp/1\n"
      "    - /ip4/10.0.0.1/udp/2\n"
      "  bakend: cpu\n");
  REQUIRE(all.size() == 3);
  CHECK(all[0].line == 2);
  CHECK(all[0].key == "engine.difficulty");
  CHECK(all[0].message == "engine.difficulty: expected a whole number 0-4294967295 (0 = the chain's "
                          "schedule), got \"lots\"");
  CHECK(all[1].line == 5);
  CHECK(all[1].column == 7);
  CHECK(all[1].key == "engine.dataWorkerMultiaddrs[1]");
  CHECK_THAT(all[1].message, Catch::Contains("got \"/ip4/10.0.0.1/udp/2\" (transport \"udp\" is not supported"));
  CHECK(all[2].line == 6);
  CHECK_THAT(all[2].message, Catch::Contains("did you mean engine.backend?"));
}

TEST_CASE("block and flow sequences give the same list", "[loader]") {
  auto block = parse_ok(
      "engine:\n"
      "  dataWorkerMultiaddrs:\n"
      "    # machine A\n"
      "    - /ip4/192.168.0.200/tcp/40000\n"
      "    - \"/ip4/192.168.0.200/tcp/40001\"\n");
  auto flow = parse_ok(
      "engine:\n"
      "  dataWorkerMultiaddrs: [ \"/ip4/192.168.0.200/tcp/40000\", # a comment\n"
      "    /ip4/192.168.0.200/tcp/40001,\n"
      "]\n");
  for (const auto* cfg : {&block, &flow}) {
    const auto& list = cfg->engine.data_worker_multiaddrs.value;
    REQUIRE(list.size() == 2);
    CHECK(list[0].value.text() == "/ip4/192.168.0.200/tcp/40000");
    CHECK(list[1].value.text() == "/ip4/192.168.0.200/tcp/40001");
    CHECK(cfg->engine.data_worker_count.value == 2);
    CHECK(cfg->engine.data_worker_count.origin.source == Source::derived);
  }
  CHECK(block.engine.data_worker_multiaddrs.value[1].origin.line == 5);
  CHECK(block.engine.data_worker_multiaddrs.value[1].origin.column == 7);
  CHECK(flow.engine.data_worker_multiaddrs.value[1].origin.line == 3);
}

TEST_CASE("a list key given a single value says a list is expected", "[loader]") {
  CHECK(first_error("engine:\n  dataWorkerMultiaddrs: /ip4/10.0.0.1/tcp/1\n") ==
        "/cfg/config.yml:2:25: error: engine.dataWorkerMultiaddrs: expected a list of multiaddrs "
        "(block \"- /ip4/…\" lines or flow [\"…\", \"…\"]), got \"/ip4/10.0.0.1/tcp/1\"");
}

TEST_CASE("duplicate worker addresses are errors, however they are spelt", "[loader]") {
  CHECK(first_error("engine:\n  dataWorkerMultiaddrs:\n"
                    "    - /ip4/10.0.0.1/tcp/40000\n"
                    "    - /ip4/10.0.0.2/tcp/40000\n"
                    "    - /ip4/10.0.0.1/tcp/40000\n") ==
        "/cfg/config.yml:5:7: error: engine.dataWorkerMultiaddrs[2]: duplicate address "
        "\"/ip4/10.0.0.1/tcp/40000\": slot 0 (line 3) already uses it; every slot needs its own address");
  auto e = first_error("engine:\n  dataWorkerMultiaddrs: [/ip6/::1/tcp/7, /ip6/0:0:0:0:0:0:0:1/tcp/7]\n");
  CHECK_THAT(e, Catch::Contains("engine.dataWorkerMultiaddrs[1]: duplicate address \"/ip6/0:0:0:0:0:0:0:1/tcp/7\""));
}

TEST_CASE("YAML syntax errors give the position and a hint", "[loader]") {
  auto e = first_error("engine:\n  difficulty: [1\n");
  CHECK_THAT(e, Catch::StartsWith("/cfg/config.yml:3:1: error: YAML syntax error: "));
  CHECK_THAT(e, Catch::Contains("check the indentation"));
  auto tab = first_error("engine:\n\tdifficulty: 1\n");
  CHECK_THAT(tab, Catch::Contains("YAML syntax error"));
  CHECK_THAT(tab, Catch::Contains("tab"));
}

TEST_CASE("a stray comma after a quoted scalar or a flow collection is a syntax error", "[loader]") {
  // yaml-cpp 0.7's LoadAll never returned on these (found by tests/fuzz, target config).
  for (auto text : {"\"a\",\nengine: [b]\n", "'a',\n", "[a],\nb\n", "{a: b},\n", "\"\",\n ["}) {
    INFO(text);
    CHECK_THAT(first_error(text), Catch::Contains("error: YAML syntax error: unexpected \",\" (a ',' "
                                                  "only separates the items of [ ] or { })"));
  }
  CHECK_THAT(first_error("engine: {}\n,\n"), Catch::Contains("YAML syntax error"));
}

TEST_CASE("the file must be one mapping of sections", "[loader]") {
  CHECK_THAT(first_error("engine:\n  difficulty: 1\n---\nengine:\n  difficulty: 2\n"),
             Catch::Contains("config.yml holds 2 YAML documents"));
  CHECK(first_error("- engine\n") ==
        "/cfg/config.yml:1:1: error: config.yml: expected a mapping with the sections engine:, "
        "metrics: and store:, got a list");
  CHECK(first_error("engine:\n  - difficulty\n") ==
        "/cfg/config.yml:2:3: error: engine: expected a mapping of keys (\"engine:\" then indented "
        "\"key: value\" lines), got a list");
  CHECK_THAT(first_error("engine:\n  [a]: 1\n"), Catch::Contains("keys must be plain names"));
}

TEST_CASE("an empty file means every default", "[loader]") {
  for (auto text : {"", "# nothing yet\n", "engine:\n", "engine:\nmetrics:\nstore:\n"}) {
    INFO(text);
    auto cfg = parse_ok(text);
    const auto& e = cfg.engine;
    CHECK(e.data_worker_multiaddrs.value.empty());
    CHECK(e.data_worker_base_listen_multiaddr.value == "/ip4/127.0.0.1/tcp/%d");
    CHECK(e.data_worker_base_listen_port.value == 40000);
    CHECK(e.data_worker_count.value == 3);  // 4 hardware threads minus the control's reserve
    CHECK(e.data_worker_count.origin.source == Source::derived);
    CHECK(e.data_worker_memory_limit.value == 0);
    CHECK(e.difficulty.value == 0);
    CHECK(e.difficulty.origin.source == Source::defaulted);
    CHECK_FALSE(e.peer_id.value.has_value());
    CHECK(e.genesis.value == proofgrid::Bytes(74, 0));
    CHECK(e.backend.value == BackendChoice::automatic);
    CHECK_FALSE(e.prove_timeout.value.has_value());
    CHECK(e.pause_max_duration.value == std::chrono::minutes(30));
    CHECK_FALSE(e.control_key_fingerprint.value.has_value());
    CHECK_FALSE(e.insecure_loopback_no_auth.value);
    CHECK_FALSE(cfg.metrics.listen_address.value.has_value());
    CHECK(cfg.store.path.value == "/cfg/store.sqlite");
    CHECK(cfg.dir == "/cfg");
    CHECK(cfg.warnings.empty());
  }
}

TEST_CASE("the default worker count keeps one core for the control process", "[loader]") {
  CHECK(default_worker_count(0) == 1);  // hardware_concurrency() may say 0: unknown
  CHECK(default_worker_count(1) == 1);
  CHECK(default_worker_count(2) == 1);
  CHECK(default_worker_count(16) == 15);
  auto cfg = parse_config("", "/cfg/config.yml", Environment{16, {}});
  CHECK(cfg.engine.data_worker_count.value == 15);
  CHECK(cfg.engine.srs_path.value.empty());  // no shared dir, no default SRS
}

TEST_CASE("the default SRS is the shared excerpt when it is there", "[loader]") {
  auto cfg = parse_ok("");
  auto expected = (proofgrid::test::shared_dir() / "srs/quilibrium-ceremony-excerpt-n256.json").lexically_normal();
  REQUIRE(std::filesystem::exists(expected));
  CHECK(cfg.engine.srs_path.value == expected);
  CHECK(cfg.engine.srs_path.origin.source == Source::derived);
}

TEST_CASE("dataWorkerCount must agree with the list", "[loader]") {
  CHECK(first_error("engine:\n  dataWorkerCount: 3\n  dataWorkerMultiaddrs: [/ip4/10.0.0.1/tcp/1]\n") ==
        "/cfg/config.yml:2:20: error: engine.dataWorkerCount: 3 disagrees with the 1 addresses in "
        "engine.dataWorkerMultiaddrs (one worker per address); remove dataWorkerCount or make them agree");
  auto ok = parse_ok("engine:\n  dataWorkerCount: 1\n  dataWorkerMultiaddrs: [/ip4/10.0.0.1/tcp/1]\n");
  CHECK(ok.engine.data_worker_count.value == 1);
}

TEST_CASE("base port plus worker count must stay below 65536", "[loader]") {
  CHECK(first_error("engine:\n  dataWorkerBaseListenPort: 65530\n  dataWorkerCount: 7\n") ==
        "/cfg/config.yml:3:20: error: engine.dataWorkerBaseListenPort 65530 + 7 workers would need "
        "port 65536 (past 65535); lower the base port or the worker count");
  CHECK(parse_ok("engine:\n  dataWorkerBaseListenPort: 65530\n  dataWorkerCount: 6\n")
            .engine.data_worker_count.value == 6);
}

TEST_CASE("the base template must give a valid address for every slot's port", "[loader]") {
  // Both pass the template check (it tries port 1) and used to fail only when the slot table
  // was built, without a position (found by tests/fuzz, target config).
  CHECK(first_error("engine:\n  dataWorkerBaseListenMultiaddr: /ip4/127.0.0.1/tcp/1%d\n") ==
        "/cfg/config.yml:2:34: error: engine.dataWorkerBaseListenMultiaddr: slot 0 (port 40000) gets an "
        "invalid multiaddr \"/ip4/127.0.0.1/tcp/140000\": port \"140000\" must be a number 1-65535 "
        "without leading zeros; expected /ip4/A.B.C.D/tcp/PORT, /ip6/ADDR/tcp/PORT or "
        "/dns4|dns6|dns/NAME/tcp/PORT; %d stands for the whole port, as in /ip4/127.0.0.1/tcp/%d");
  CHECK_THAT(first_error("engine:\n  dataWorkerBaseListenMultiaddr: /ip4/10.0.0.%d/tcp/1\n"
                         "  dataWorkerBaseListenPort: 250\n  dataWorkerCount: 8\n"),
             Catch::Contains("slot 6 (port 256) gets an invalid multiaddr \"/ip4/10.0.0.256/tcp/1\""));
  CHECK(parse_ok("engine:\n  dataWorkerBaseListenMultiaddr: /ip4/10.0.0.%d/tcp/1\n"
                 "  dataWorkerBaseListenPort: 250\n  dataWorkerCount: 6\n")
            .engine.data_worker_count.value == 6);
}

TEST_CASE("the loopback-only mode refuses addresses off this machine", "[loader]") {
  CHECK(first_error("engine:\n  insecureLoopbackNoAuth: true\n"
                    "  dataWorkerMultiaddrs: [/ip4/127.0.0.1/tcp/1, /ip4/192.168.0.201/tcp/2]\n") ==
        "/cfg/config.yml:3:48: error: engine.dataWorkerMultiaddrs[1]: \"/ip4/192.168.0.201/tcp/2\" is "
        "not a loopback address, but engine.insecureLoopbackNoAuth is true (no TLS, so anyone who can "
        "reach a worker could drive it); use 127.0.0.1 addresses or set insecureLoopbackNoAuth: false");
  CHECK_THAT(first_error("engine:\n  insecureLoopbackNoAuth: true\n"
                         "  dataWorkerBaseListenMultiaddr: /ip4/0.0.0.0/tcp/%d\n"),
             Catch::StartsWith("/cfg/config.yml:3:34: error: engine.dataWorkerBaseListenMultiaddr: "
                               "\"/ip4/0.0.0.0/tcp/40000\" is not a loopback address"));
  CHECK(parse_ok("engine:\n  insecureLoopbackNoAuth: true\n").engine.insecure_loopback_no_auth.value);
}

TEST_CASE("a missing config.yml says how to create one", "[loader]") {
  try {
    load_config("/nonexistent/proofgrid-dir", proofgrid::test::test_env());
    FAIL("loaded a missing file");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "/nonexistent/proofgrid-dir/config.yml: error: no config.yml in /nonexistent/proofgrid-dir; "
          "create one with: proofgrid config init --config /nonexistent/proofgrid-dir (or copy the "
          "control machine's config.yml there)");
  }
}
