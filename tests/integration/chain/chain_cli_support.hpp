#pragma once
// Shared by the chain CLI tests: the vector chain's parameters and a simulated store.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace proofgrid::test {

inline const nlohmann::json& vector_chain_json() {
  static const nlohmann::json c = load_json(shared_dir() / "vectors" / "time_proof_chain.json")["chains"][0];
  return c;
}

// `proofgrid chain simulate` with the vector chain's identity and genesis, P and T given.
inline std::vector<std::string> simulate_args(int slots, int difficulty, int rounds) {
  const auto& c = vector_chain_json();
  return {"chain",     "simulate", "--peer-id", c["peer_id_hex"].get<std::string>(),
          "--genesis", c["genesis_hex"].get<std::string>(), "--slots", std::to_string(slots),
          "--difficulty", std::to_string(difficulty), "--rounds", std::to_string(rounds)};
}

inline ProcessResult run_ok(const std::vector<std::string>& args) {
  auto r = run_proofgrid(args, std::chrono::seconds(240));
  INFO("args: " << args.size() << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err);
  REQUIRE_FALSE(r.timed_out);
  REQUIRE_FALSE(r.signaled);
  REQUIRE(r.exit_code == 0);
  return r;
}

}  // namespace proofgrid::test
