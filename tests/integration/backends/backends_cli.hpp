#pragma once
// Shared by the backend CLI tests: proofgrid run with extra environment variables, and the
// public vectors the runs are checked against.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace proofgrid::test {

// proofgrid ARGS with `env` ("NAME=value") added, through env(1); requires a normal exit.
inline ProcessResult run_with_env(const std::vector<std::string>& env, const std::vector<std::string>& args) {
  std::vector<std::string> all = env;
  all.push_back(proofgrid_binary().string());
  all.insert(all.end(), args.begin(), args.end());
  ProcessResult r = run_process("/usr/bin/env", all, std::chrono::seconds(150));
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  REQUIRE_FALSE(r.timed_out);
  REQUIRE_FALSE(r.signaled);
  return r;
}

// A calibration cache of its own, so runs never read or write the user's.
struct TempDirForCache {
  TempDir dir{"proofgrid-calibration"};
  std::string file() const { return (dir / "calibration.json").string(); }
};

// VDF vector "vector-5" (T = 1000) and the KZG short-tail vector at N = 16.
inline std::string vdf_vector_output() {
  const auto all = load_json(shared_dir() / "vectors" / "vdf_wesolowski_2048.json");
  for (const auto& v : all["vectors"])
    if (v["challenge_seed"] == "vector-5") return v["output_hex"].get<std::string>() + "\n";
  FAIL("no vector-5 in the VDF vectors");
  return {};
}
inline std::vector<std::string> vdf_solve_args(const std::string& backend) {
  return {"vdf", "solve", "--seed-text", "vector-5", "--difficulty", "1000", "--backend", backend};
}

inline const char* kKzgShortTail =
    "0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233"
    "3435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f6061626364";
inline const char* kKzgShortTailCommitment =
    "030c615cd0bf38185fbc592bcea4762fa37c75e1a9cf646a18ad4cd1c1d9bb2fc448026ec3e7a3873e4bf7d9ac6e409aaa44665cab62"
    "074b9825e331f13e37dda7ccfcdad7247c59e472\n";
inline std::vector<std::string> kzg_commit_args(const std::string& backend) {
  return {"kzg", "commit", "--poly-size", "16", "--data", kKzgShortTail, "--backend", backend};
}

}  // namespace proofgrid::test
