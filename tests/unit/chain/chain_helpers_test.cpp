#include <catch2/catch.hpp>

#include "engine/chain/difficulty.hpp"
#include "engine/chain/slot_seed.hpp"
#include "tests/support/paths.hpp"

using namespace proofgrid;
using namespace proofgrid::chain;

TEST_CASE("difficulty schedule at its boundaries", "[chain][difficulty]") {
  CHECK(difficulty_for_increment(0) == 200000);
  CHECK(difficulty_for_increment(3) == 200000);
  CHECK(difficulty_for_increment(4) == 199999);
  CHECK(difficulty_for_increment(7) == 199999);
  CHECK(difficulty_for_increment(8) == 199998);
  CHECK(difficulty_for_increment(699996) == 25001);
  CHECK(difficulty_for_increment(699999) == 25001);
  CHECK(difficulty_for_increment(700000) == 25000);
  CHECK(difficulty_for_increment(700003) == 25000);
  CHECK(difficulty_for_increment(800000) == 25000);
  CHECK(difficulty_for_increment(800001) == 25000);
  CHECK(difficulty_for_increment(UINT64_MAX) == 25000);
}

TEST_CASE("slot seeds reproduce the reference chain's VDF challenges", "[chain][slot_seed]") {
  const auto vectors = test::load_json(test::shared_dir() / "vectors" / "time_proof_chain.json");
  int checked = 0;
  for (const auto& chain : vectors["chains"]) {
    for (const auto& round : chain["rounds"]) {
      const Bytes input = from_hex(round["input_hex"].get<std::string>());
      const auto& challenges = round["vdf_challenges_hex"];
      for (std::size_t i = 0; i < challenges.size(); ++i) {
        CHECK(to_hex(slot_seed(static_cast<std::uint32_t>(i), input)) == challenges[i].get<std::string>());
        ++checked;
      }
    }
  }
  CHECK(checked >= 15);
}
