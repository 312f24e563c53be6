// Each key's values: what it accepts, what it rejects (with the key path, what it expects
// and what it got), and where the value came from.
#include "tests/unit/config/config_test_support.hpp"

using namespace proofgrid::config;
using proofgrid::test::first_error;
using proofgrid::test::parse_ok;

namespace {

std::string engine(const std::string& key, const std::string& value) {
  return "engine:\n  " + key + ": " + value + "\n";
}

struct Bad {
  std::string text;      // the whole config
  std::string expected;  // the full message (after "file:line:column: error: ")
};

}  // namespace

TEST_CASE("bad values name the key, what it expects and what it got", "[values]") {
  const std::vector<Bad> cases = {
      {engine("dataWorkerBaseListenMultiaddr", "/ip4/0.0.0.0/tcp/40000"),
       "engine.dataWorkerBaseListenMultiaddr: expected a multiaddr template with one %d for the port, "
       "like /ip4/127.0.0.1/tcp/%d, got \"/ip4/0.0.0.0/tcp/40000\" (it needs exactly one %d where the port goes)"},
      {engine("dataWorkerBaseListenMultiaddr", "/ip4/%s/tcp/%d"),
       "engine.dataWorkerBaseListenMultiaddr: expected a multiaddr template with one %d for the port, "
       "like /ip4/127.0.0.1/tcp/%d, got \"/ip4/%s/tcp/%d\" (only %d may follow a '%')"},
      {engine("dataWorkerBaseListenPort", "0"),
       "engine.dataWorkerBaseListenPort: expected a port number 1-65535, got \"0\""},
      {engine("dataWorkerBaseListenPort", "65536"),
       "engine.dataWorkerBaseListenPort: expected a port number 1-65535, got \"65536\""},
      {engine("dataWorkerCount", "0"), "engine.dataWorkerCount: expected a whole number 1-65535, got \"0\""},
      {engine("dataWorkerCount", "[1]"), "engine.dataWorkerCount: expected a whole number 1-65535, got a list"},
      {engine("dataWorkerMemoryLimit", "lots"),
       "engine.dataWorkerMemoryLimit: expected a size like 2GiB, 512MiB or a number of bytes (0 = no limit), got \"lots\""},
      {engine("difficulty", "-1"),
       "engine.difficulty: expected a whole number 0-4294967295 (0 = the chain's schedule), got \"-1\""},
      {engine("difficulty", "4294967296"),
       "engine.difficulty: expected a whole number 0-4294967295 (0 = the chain's schedule), got \"4294967296\""},
      {engine("difficulty", ""),
       "engine.difficulty: expected a whole number 0-4294967295 (0 = the chain's schedule), got no value"},
      {engine("peerId", "\"zz\""),
       "engine.peerId: expected hex bytes (the identity bytes of the chain), got \"zz\" (not a hex digit at position 0: 'z')"},
      {engine("peerId", "\"\""),
       "engine.peerId: expected hex bytes (the identity bytes of the chain), got \"\" (it is empty; remove the key to derive it from keys.yml)"},
      {engine("genesis", "abc"),
       "engine.genesis: expected hex bytes (the challenge before round 0), got \"abc\" (hex string has an odd number of digits (3))"},
      {engine("backend", "gpu"), "engine.backend: expected one of auto, cpu, simd, opencl, got \"gpu\""},
      {engine("srsPath", "\"\""),
       "engine.srsPath: expected a file path (relative paths start at the config directory), got \"\" (it is empty)"},
      {engine("proveTimeout", "90"), "engine.proveTimeout: expected a duration like 90s, 30m or 1h, got \"90\""},
      {engine("proveTimeout", "0s"),
       "engine.proveTimeout: expected a duration like 90s, 30m or 1h, got \"0s\" (a zero timeout would fail every proof)"},
      {engine("pauseMaxDuration", "forever"),
       "engine.pauseMaxDuration: expected a duration like 90s, 30m or 1h, got \"forever\""},
      {engine("controlKeyFingerprint", "abc"),
       "engine.controlKeyFingerprint: expected 64 hex digits (SHA-256 of the control's public key; \"sha256:\" "
       "and colons allowed), got \"abc\" (it has 3 hex digits)"},
      {engine("controlKeyFingerprint", "\"" + std::string(63, 'a') + "g\""),
       "engine.controlKeyFingerprint: expected 64 hex digits (SHA-256 of the control's public key; \"sha256:\" "
       "and colons allowed), got \"" + std::string(63, 'a') + "g\" (it has a character that is not hex)"},
      {engine("insecureLoopbackNoAuth", "yes"), "engine.insecureLoopbackNoAuth: expected true or false, got \"yes\""},
      {"metrics:\n  listenAddress: localhost:9464\n",
       "metrics.listenAddress: expected off, on (= /ip4/127.0.0.1/tcp/9464) or a multiaddr like /ip4/127.0.0.1/tcp/9464, got \"localhost:9464\" "
       "(a multiaddr starts with '/')"},
      {"store:\n  path: [a]\n", "store.path: expected a file path (relative paths start at the config directory), got a list"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto e = first_error(c.text);
    CHECK_THAT(e, Catch::StartsWith("/cfg/config.yml:2:"));
    CHECK(e.substr(e.find(": error: ") + 9) == c.expected);
  }
}

TEST_CASE("good values are read, with their position", "[values]") {
  auto cfg = parse_ok(
      "engine:\n"
      "  dataWorkerBaseListenMultiaddr: /ip4/0.0.0.0/tcp/%d\n"
      "  dataWorkerBaseListenPort: 50000\n"
      "  dataWorkerCount: 8\n"
      "  dataWorkerMemoryLimit: 2GiB\n"
      "  difficulty: 200000\n"
      "  peerId: \"0A0b\"\n"
      "  genesis: \"\"\n"
      "  backend: opencl\n"
      "  srsPath: srs/ceremony.json\n"
      "  proveTimeout: 2m\n"
      "  pauseMaxDuration: 1h30m\n"
      "  controlKeyFingerprint: \"" + std::string(64, 'A') + "\"\n"
      "  insecureLoopbackNoAuth: false\n"
      "metrics:\n"
      "  listenAddress: /ip4/127.0.0.1/tcp/9464\n"
      "store:\n"
      "  path: /var/lib/proofgrid/store.sqlite\n");
  const auto& e = cfg.engine;
  CHECK(e.data_worker_base_listen_port.value == 50000);
  CHECK(e.data_worker_base_listen_port.origin.source == Source::file);
  CHECK(e.data_worker_base_listen_port.origin.line == 3);
  CHECK(e.data_worker_base_listen_port.origin.column == 29);
  CHECK(e.base_listen_address(0).text() == "/ip4/0.0.0.0/tcp/50000");
  CHECK(e.base_listen_address(7).text() == "/ip4/0.0.0.0/tcp/50007");
  CHECK(e.data_worker_count.value == 8);
  CHECK(e.data_worker_count.origin.source == Source::file);
  CHECK(e.data_worker_memory_limit.value == 2ull << 30);
  CHECK(e.difficulty.value == 200000);
  CHECK(e.peer_id.value == proofgrid::Bytes{0x0a, 0x0b});
  CHECK(e.genesis.value.empty());
  CHECK(e.backend.value == BackendChoice::opencl);
  CHECK(e.srs_path.value == "/cfg/srs/ceremony.json");
  CHECK(e.prove_timeout.value == std::chrono::minutes(2));
  CHECK(e.pause_max_duration.value == std::chrono::minutes(90));
  CHECK(e.control_key_fingerprint.value == std::string(64, 'a'));
  CHECK(cfg.metrics.listen_address.value->text() == "/ip4/127.0.0.1/tcp/9464");
  CHECK(cfg.store.path.value == "/var/lib/proofgrid/store.sqlite");
  CHECK(cfg.store.path.origin.line == 18);
}

TEST_CASE("fingerprints may carry sha256: and colons, like the transport reads them", "[values]") {
  std::string colons;
  for (int i = 0; i < 32; ++i) colons += (i ? ":" : "") + std::string("Ab");
  auto cfg = parse_ok("engine:\n  controlKeyFingerprint: \"sha256:" + colons + "\"\n");
  std::string expected;
  for (int i = 0; i < 32; ++i) expected += "ab";
  CHECK(cfg.engine.control_key_fingerprint.value == expected);
}

TEST_CASE("optional keys accept an empty value or off", "[values]") {
  auto cfg = parse_ok(
      "engine:\n  peerId:\n  proveTimeout:\n  controlKeyFingerprint:\n  dataWorkerMultiaddrs:\n"
      "metrics:\n  listenAddress: off\n");
  CHECK_FALSE(cfg.engine.peer_id.value.has_value());
  CHECK_FALSE(cfg.engine.prove_timeout.value.has_value());
  CHECK_FALSE(cfg.engine.control_key_fingerprint.value.has_value());
  CHECK(cfg.engine.data_worker_multiaddrs.value.empty());
  CHECK_FALSE(cfg.metrics.listen_address.value.has_value());
}

TEST_CASE("the prove timeout follows the round's difficulty unless it is set", "[values]") {
  auto derived = parse_ok("");
  CHECK(derived.engine.prove_timeout_for(200000) == std::chrono::seconds(260));
  CHECK(derived.engine.prove_timeout_for(25000) == std::chrono::seconds(85));
  CHECK(derived.engine.prove_timeout_for(0) == std::chrono::seconds(60));
  auto fixed = parse_ok("engine:\n  proveTimeout: 90s\n");
  CHECK(fixed.engine.prove_timeout_for(200000) == std::chrono::seconds(90));
}

TEST_CASE("backend names round-trip", "[values]") {
  for (auto b : {BackendChoice::automatic, BackendChoice::cpu, BackendChoice::simd, BackendChoice::opencl})
    CHECK(parse_backend(to_string(b)) == b);
  CHECK_FALSE(parse_backend("gpu").has_value());
  CHECK_FALSE(parse_backend("CPU").has_value());
}
