// Longer cross-checks against the reference (label slow: seconds each, still bounded).
#include <catch2/catch.hpp>

#include <random>

#include "engine/common/hash.hpp"
#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/fast_form.hpp"
#include "engine/vdf/reference.hpp"
#include "engine/vdf/vdf.hpp"
#include "tests/support/paths.hpp"

using namespace proofgrid;
using namespace proofgrid::vdf;

TEST_CASE("the reference discriminant walk matches the vectors' intermediates", "[vdf][slow]") {
  const auto all = test::load_json(test::shared_dir() / "vectors" / "vdf_wesolowski_2048.json");
  for (const auto& v : all["intermediates"]) {
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    CHECK(create_discriminant_reference(challenge).str() == v["discriminant_dec"].get<std::string>());
  }
}

TEST_CASE("the sanity value of the discriminant at 40 bits", "[vdf][slow]") {
  const std::uint8_t seed[] = {0xaa};
  CHECK(create_discriminant_reference(seed, 40).str() == "-685537176559");
}

TEST_CASE("fast and reference discriminants agree on random challenges", "[vdf][slow]") {
  std::mt19937_64 rng(37);
  for (int i = 0; i < 12; ++i) {
    Bytes challenge(1 + rng() % 64);
    for (auto& b : challenge) b = static_cast<std::uint8_t>(rng());
    INFO("challenge " << to_hex(challenge));
    CHECK(create_discriminant(challenge) == create_discriminant_reference(challenge));
  }
}

TEST_CASE("the reference solve reproduces the vectors up to T = 1000", "[vdf][slow]") {
  const auto all = test::load_json(test::shared_dir() / "vectors" / "vdf_wesolowski_2048.json");
  for (const auto& v : all["vectors"]) {
    const auto t = v["difficulty"].get<std::uint32_t>();
    if (t > 1000) continue;
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    const Output out = solve_reference(challenge, t);
    CHECK(to_hex(out) == v["output_hex"].get<std::string>());
    CHECK(verify_reference(challenge, t, out));
  }
}

TEST_CASE("NUDUPL equals the reference on a long random chain", "[vdf][slow]") {
  const Mpz d = create_discriminant(sha3_256(as_bytes("nudupl-long")));
  const GroupContext ctx(d);
  Form ref = generator_form(d);
  FastForm fast;
  REQUIRE(to_fast(fast, ref));
  for (int i = 0; i < 60000; ++i) {
    ref = square_reference(ref);
    REQUIRE(nudupl(fast, ctx));
    REQUIRE(from_fast(fast) == ref);
  }
}

TEST_CASE("solve equals the reference solve on random challenges", "[vdf][slow]") {
  std::mt19937_64 rng(41);
  for (int i = 0; i < 3; ++i) {
    Bytes challenge(32);
    for (auto& b : challenge) b = static_cast<std::uint8_t>(rng());
    const std::uint32_t t = 500 + static_cast<std::uint32_t>(rng() % 1500);
    CHECK(solve(challenge, t) == solve_reference(challenge, t));
  }
}
