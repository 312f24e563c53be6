// Preparing a config directory: what the control process, a worker and `config init` create,
// and how config.yml and keys.yml are checked against each other.
#include "node/config/generate.hpp"
#include "node/config/schema.hpp"
#include "node/config/setup.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/config/config_test_support.hpp"

using namespace proofgrid::config;
using proofgrid::test::TempDir;
using proofgrid::test::parse_ok;
using proofgrid::test::test_env;

TEST_CASE("a fresh config.yml lists every key and reads back as the defaults", "[setup]") {
  auto text = fresh_config_text(FreshConfig{std::uint64_t{25}, std::string(64, 'b'), 8});
  for (const auto& key : key_table()) {
    INFO(key.path());
    CHECK(text.find(std::string(key.name) + ": ") != std::string::npos);
  }
  CHECK_THAT(text, Catch::Contains("On this machine: 7."));
  auto cfg = parse_ok(text);
  CHECK(cfg.warnings.empty());
  CHECK(cfg.engine.difficulty.value == 25);
  CHECK(cfg.engine.control_key_fingerprint.value == std::string(64, 'b'));
  CHECK(cfg.engine.data_worker_count.value == 3);  // not written: derived on the machine reading it
  CHECK(cfg.engine.data_worker_count.origin.source == Source::derived);
  auto plain = parse_ok(fresh_config_text(FreshConfig{}));
  CHECK(plain.engine.difficulty.value == 0);
  CHECK_FALSE(plain.engine.control_key_fingerprint.value.has_value());
}

TEST_CASE("the control process generates keys.yml and a config.yml carrying its fingerprint", "[setup]") {
  TempDir dir;
  auto prepared = prepare_control_dir(dir / "cfg", test_env(), FreshConfig{std::uint64_t{10}, {}, 1});
  CHECK(prepared.config_generated);
  CHECK(prepared.identity.generated);
  CHECK(prepared.config.engine.control_key_fingerprint.value == prepared.identity.identity.fingerprint());
  CHECK(prepared.config.engine.difficulty.value == 10);
  CHECK(prepared.peer_id == prepared.identity.identity.default_peer_id());
  CHECK(prepared.warnings.empty());

  auto again = prepare_control_dir(dir / "cfg", test_env());
  CHECK_FALSE(again.config_generated);
  CHECK_FALSE(again.identity.generated);
  CHECK(again.identity.identity.fingerprint() == prepared.identity.identity.fingerprint());
}

TEST_CASE("engine.peerId overrides the derived peer id", "[setup]") {
  TempDir dir;
  dir.write("config.yml", "engine:\n  peerId: \"00ff\"\n  insecureLoopbackNoAuth: true\n");
  auto prepared = prepare_control_dir(dir.path(), test_env());
  CHECK(prepared.peer_id == proofgrid::Bytes{0x00, 0xff});
  CHECK(prepared.warnings.empty());  // the loopback-only mode needs no fingerprint
}

TEST_CASE("an existing config.yml without the fingerprint gets the exact line to add", "[setup]") {
  TempDir dir;
  dir.write("config.yml", "engine:\n  difficulty: 3\n");
  auto prepared = prepare_control_dir(dir.path(), test_env());
  REQUIRE(prepared.warnings.size() == 1);
  CHECK_THAT(prepared.warnings[0].message,
             Catch::EndsWith("Add this line under engine: (here and in every worker machine's config.yml):\n"
                             "  controlKeyFingerprint: \"" + prepared.identity.identity.fingerprint() + "\""));
  CHECK(proofgrid::test::read_file(dir / "config.yml") == "engine:\n  difficulty: 3\n");  // untouched
}

TEST_CASE("a fingerprint naming another key is an error", "[setup]") {
  TempDir dir;
  dir.write("config.yml", "engine:\n  controlKeyFingerprint: \"" + std::string(64, 'c') + "\"\n");
  try {
    prepare_control_dir(dir.path(), test_env());
    FAIL("accepted a foreign fingerprint");
  } catch (const ConfigError& e) {
    auto fp = load_identity(dir.path()).identity.fingerprint();
    CHECK(std::string(e.what()) ==
          (dir / "config.yml").string() + ":2:26: error: engine.controlKeyFingerprint does not match keys.yml, "
          "whose key has fingerprint " + fp + ": workers would refuse this control process. If keys.yml is the "
          "identity to keep, set controlKeyFingerprint: \"" + fp + "\" here and in every worker machine's config.yml");
  }
}

TEST_CASE("a worker creates config.yml only, never keys.yml", "[setup]") {
  TempDir dir;
  auto prepared = prepare_worker_dir(dir.path(), test_env());
  CHECK(prepared.config_generated);
  CHECK(std::filesystem::exists(dir / "config.yml"));
  CHECK_FALSE(std::filesystem::exists(dir / "keys.yml"));
  auto warning = worker_auth_warning(prepared.config);
  REQUIRE(warning.has_value());
  CHECK_THAT(warning->message, Catch::StartsWith("config.yml has no engine.controlKeyFingerprint"));
  CHECK_FALSE(prepare_worker_dir(dir.path(), test_env()).config_generated);
}

TEST_CASE("config init writes both files and refuses to overwrite config.yml", "[setup]") {
  TempDir dir;
  auto result = init_config_dir(dir.path(), test_env(), FreshConfig{std::uint64_t{50}, {}, 1}, false);
  CHECK(result.keys_generated);
  CHECK(result.config_file == dir / "config.yml");
  CHECK(load_config(dir.path(), test_env()).engine.control_key_fingerprint.value == result.fingerprint);

  try {
    init_config_dir(dir.path(), test_env(), FreshConfig{}, false);
    FAIL("overwrote config.yml");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("config.yml already exists; check it with: proofgrid config check --config "));
  }
  auto forced = init_config_dir(dir.path(), test_env(), FreshConfig{}, true);
  CHECK_FALSE(forced.keys_generated);  // keys.yml is never replaced
  CHECK(forced.fingerprint == result.fingerprint);
  CHECK(load_config(dir.path(), test_env()).engine.difficulty.value == 0);
}
