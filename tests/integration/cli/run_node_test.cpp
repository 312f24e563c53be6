// Running the node: argument checks, the --core range, and the checks a node makes before
// it starts anything (the clusters themselves are in tests/integration/cluster).
#include <unistd.h>

#include <cstdlib>

#include "tests/integration/cli/cli_test_support.hpp"

using namespace proofgrid::test;

namespace {

// Runs with no SRS to be found, so a control process stops after preparing its config
// directory and before it starts any worker or binds any port.
ProcessResult run_without_srs(const std::vector<std::string>& args, const std::filesystem::path& cwd = {}) {
  const std::string saved = shared_dir().string();
  ::setenv("PROOFGRID_SHARED_DIR", "/nonexistent-proofgrid-shared", 1);
  auto r = run_proofgrid(args, std::chrono::seconds(60), cwd);
  ::setenv("PROOFGRID_SHARED_DIR", saved.c_str(), 1);
  return r;
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

TEST_CASE("a worker's --core N resolves slot N-1 and needs the control's fingerprint", "[cli][core]") {
  TempDir dir;
  use_seed(dir, "three-machines.yml");
  for (std::vector<std::string> args : {std::vector<std::string>{"--core", "8"}, {"--core=8"}}) {
    auto r = run_in(dir, args);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("slot 7 (--core 8) /ip4/192.168.0.203/tcp/40007: cannot start:"));
    CHECK_THAT(r.err, Catch::Contains("has no engine.controlKeyFingerprint, so this worker could authenticate no "
                                      "control process"));
  }
  CHECK_FALSE(std::filesystem::exists(dir / "keys.yml"));  // a worker never creates the identity
}

TEST_CASE("the control process prepares ./.config before anything else", "[cli][control]") {
  TempDir dir;
  auto r = run_without_srs({}, dir.path());
  require_clean_exit(r);
  CHECK(r.exit_code == 1);
  CHECK(std::filesystem::exists(dir / ".config/config.yml"));
  CHECK(std::filesystem::exists(dir / ".config/keys.yml"));
  CHECK_THAT(r.err, Catch::Contains("generated"));
  CHECK_THAT(r.err, Catch::Contains("cannot start the control process: no SRS: set engine.srsPath"));

  // Second run: the same identity, loaded.
  auto fingerprint = read_file(dir / ".config/keys.yml");
  auto again = run_without_srs({"--config", (dir / ".config").string()});
  require_clean_exit(again);
  CHECK(again.exit_code == 1);
  CHECK(read_file(dir / ".config/keys.yml") == fingerprint);
  CHECK_THAT(again.err, !Catch::Contains("generated"));
}

TEST_CASE("an existing config.yml without the fingerprint gets the line to add", "[cli][control]") {
  TempDir dir;
  use_seed(dir, "three-machines.yml");
  auto r = run_without_srs({"--config", dir.path().string()});
  require_clean_exit(r);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("Add this line under engine:"));
  CHECK_THAT(r.err, Catch::Contains("  controlKeyFingerprint: \""));
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

  // Valid flags: the worker starts its backend and stops only at the address (not this machine).
  dir.write("config.yml", read_file(dir / "config.yml") + "  controlKeyFingerprint: \"" + std::string(64, 'a') + "\"\n");
  auto ok = run_in(dir, {"--core", "1", "--backend", "cpu", "--parent-process",
                           std::to_string(::getpid())});
  CHECK(ok.exit_code == 1);
  CHECK_THAT(ok.err, Catch::Contains("self-test passed on the cpu backend"));
  CHECK_THAT(ok.err, Catch::Contains("192.168.0.200 is not on this machine"));
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
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains((dir / "config.yml").string() + ":2:12: warning: engine.srsPath: " +
                                    (dir / "missing.json").string() + " is not a readable file"));
}
