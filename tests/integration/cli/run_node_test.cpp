// Running the node: argument checks, the --core range, and what runs until the cluster
// runtime is in the build (a plan, exit 2, nothing that looks like a proof).
#include <unistd.h>

#include <cctype>

#include "tests/integration/cli/cli_test_support.hpp"

using namespace proofgrid::test;

namespace {

// A 516-byte VDF output or a 668-byte record would print as a long hex run.
bool has_long_hex(const std::string& text) {
  std::size_t run = 0;
  for (char c : text) {
    run = std::isxdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run >= 100) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a --core outside 1..17 fails with the valid range and no crash", "[cli][core]") {
  TempDir dir;
  use_seed(dir, "three-machines.yml");
  for (std::vector<std::string> args : {std::vector<std::string>{"--core", "0"}, {"--core", "-1"},
                                        {"--core=-1"}, {"--core", "18"}, {"--core=100"}, {"--core", "two"}}) {
    INFO(args[0] << (args.size() > 1 ? " " + args[1] : ""));
    auto r = run_in(dir, args);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("the valid range is 1 to 17 (17 addresses in engine.dataWorkerMultiaddrs)"));
  }
}

TEST_CASE("a worker's --core N resolves slot N-1 and says its runtime is not in this build", "[cli][core]") {
  TempDir dir;
  use_seed(dir, "three-machines.yml");
  for (std::vector<std::string> args : {std::vector<std::string>{"--core", "8"}, {"--core=8"}}) {
    auto r = run_in(dir, args);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out, Catch::Contains("proofgrid data worker --core 8 (slot 7)"));
    CHECK_THAT(r.out, Catch::Contains("listen:   /ip4/192.168.0.203/tcp/40007"));
    CHECK_THAT(r.err, Catch::Contains("the data worker runtime is not in this build"));
    CHECK_THAT(r.err, Catch::Contains("has no engine.controlKeyFingerprint"));
    CHECK_FALSE(has_long_hex(r.out + r.err));
  }
  CHECK_FALSE(std::filesystem::exists(dir / "keys.yml"));  // a worker never creates the identity
}

TEST_CASE("the control process prepares ./.config and states that nothing ran", "[cli][control]") {
  TempDir dir;
  auto r = run_proofgrid({}, std::chrono::seconds(60), dir.path());
  require_clean_exit(r);
  CHECK(r.exit_code == 2);
  CHECK(std::filesystem::exists(dir / ".config/config.yml"));
  CHECK(std::filesystem::exists(dir / ".config/keys.yml"));
  CHECK_THAT(r.out, Catch::Contains("proofgrid control process"));
  CHECK_THAT(r.out, Catch::Contains("(generated with defaults)"));
  CHECK_THAT(r.out, Catch::Contains("local data workers this process starts"));
  CHECK_THAT(r.out, Catch::Contains("--core 1  /ip4/127.0.0.1/tcp/40000"));
  CHECK_THAT(r.err, Catch::Contains("the cluster runtime (worker processes, rounds, proofs) is not in this build"));
  CHECK_FALSE(has_long_hex(r.out + r.err));

  // Second run: the same identity, loaded.
  auto again = run_proofgrid({"--config", (dir / ".config").string()});
  require_clean_exit(again);
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.out, Catch::Contains("(loaded)"));
}

TEST_CASE("an existing config.yml without the fingerprint gets the line to add", "[cli][control]") {
  TempDir dir;
  use_seed(dir, "three-machines.yml");
  auto r = run_in(dir, {});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("Add this line under engine:"));
  CHECK_THAT(r.err, Catch::Contains("  controlKeyFingerprint: \""));
  CHECK_THAT(r.out, Catch::Contains("17 slots listed in engine.dataWorkerMultiaddrs"));
}

TEST_CASE("bad --backend and --parent-process values are clear errors", "[cli][options]") {
  TempDir dir;
  use_seed(dir, "three-machines.yml");

  auto backend = run_in(dir, {"--core", "1", "--backend", "gpu"});
  CHECK(backend.exit_code == 1);
  CHECK_THAT(backend.err, Catch::Contains("--backend \"gpu\" is not a backend: use auto, cpu, simd or opencl"));

  auto control_parent = run_in(dir, {"--parent-process", "1"});
  CHECK(control_parent.exit_code == 1);
  CHECK_THAT(control_parent.err, Catch::Contains("--parent-process applies to data workers only"));

  auto gone = run_in(dir, {"--core", "1", "--parent-process", "2147483646"});
  CHECK(gone.exit_code == 1);
  CHECK_THAT(gone.err, Catch::Contains("--parent-process 2147483646: no such process"));

  auto junk = run_in(dir, {"--core", "1", "--parent-process", "0"});
  CHECK(junk.exit_code == 1);
  CHECK_THAT(junk.err, Catch::Contains("is not a process id"));

  auto ok = run_in(dir, {"--core", "1", "--backend", "cpu", "--parent-process",
                           std::to_string(::getpid())});
  CHECK(ok.exit_code == 2);
  CHECK_THAT(ok.out, Catch::Contains("backend:  cpu"));
  CHECK_THAT(ok.out, Catch::Contains("parent:   pid " + std::to_string(::getpid())));
}

TEST_CASE("a broken config stops the node with the config's errors", "[cli][control]") {
  TempDir dir;
  use_seed(dir, "multi-line-array.yml");
  auto r = run_in(dir, {"--core", "1"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("unknown key engine.dataWorkersMultiaddrs — did you mean engine.dataWorkerMultiaddrs?"));
}

TEST_CASE("the control process warns when engine.srsPath names no file", "[cli][control]") {
  TempDir dir;
  dir.write("config.yml", "engine:\n  srsPath: missing.json\n");
  auto r = run_in(dir, {});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains((dir / "config.yml").string() + ":2:12: warning: engine.srsPath: " +
                                    (dir / "missing.json").string() + " is not a readable file"));
}
