// The public vectors: every output, every negative case, the edge case, and the
// intermediates (discriminant, ℓ); plus the VDF outputs inside the time-proof chain vectors.
#include <catch2/catch.hpp>

#include "engine/common/hash.hpp"
#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/hash_prime.hpp"
#include "engine/vdf/vdf.hpp"
#include "tests/support/paths.hpp"

using namespace proofgrid;
using namespace proofgrid::vdf;

namespace {
nlohmann::json vectors() {
  return test::load_json(test::shared_dir() / "vectors" / "vdf_wesolowski_2048.json");
}
}  // namespace

TEST_CASE("discriminants match the vectors' intermediates", "[vdf][discriminant]") {
  const auto all = vectors();
  REQUIRE(all["intermediates"].size() == 8);
  for (const auto& v : all["intermediates"]) {
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    for (const Isa isa : usable_isas()) {  // GMP and, where the CPU has it, IFMA primality
      INFO("isa " << isa_name(isa));
      CHECK(create_discriminant(challenge, isa).str() == v["discriminant_dec"].get<std::string>());
    }
    CHECK(group_for(challenge)->discriminant().str() == v["discriminant_dec"].get<std::string>());
  }
}

TEST_CASE("HashPrime matches the vectors' l for their y", "[vdf][hash_prime]") {
  const auto all = vectors();
  for (const auto& v : all["intermediates"]) {
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    const auto t = v["difficulty"].get<std::uint32_t>();
    std::string out_hex;
    for (const auto& w : all["vectors"])
      if (w["challenge_hex"] == v["challenge_hex"] && w["difficulty"] == v["difficulty"]) out_hex = w["output_hex"];
    REQUIRE(!out_hex.empty());
    const Bytes out = from_hex(out_hex);
    EncodedForm yb;
    std::copy(out.begin(), out.begin() + kFormSize, yb.begin());
    const auto g = group_for(challenge);
    CHECK(to_mpz(hash_prime(encode(*g, g->generator()), yb, t)).str() == v["l_dec"].get<std::string>());
  }
}

TEST_CASE("solve reproduces every vector and verify accepts exactly T", "[vdf][solve]") {
  const auto all = vectors();
  REQUIRE(all["vectors"].size() == 8);
  for (const auto& v : all["vectors"]) {
    const auto t = v["difficulty"].get<std::uint32_t>();
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    CHECK(to_hex(sha3_256(as_bytes(v["challenge_seed"].get<std::string>()))) == to_hex(challenge));
    const Output out = solve(challenge, t);
    INFO("T=" << t);
    CHECK(to_hex(out) == v["output_hex"].get<std::string>());
    CHECK(verify(challenge, t, out));
    CHECK_FALSE(verify(challenge, t + 1, out));
    if (t > 0) CHECK_FALSE(verify(challenge, t - 1, out));
  }
}

TEST_CASE("the edge case T = 0 solves and verifies as the vectors say", "[vdf][solve]") {
  const auto all = vectors();
  for (const auto& v : all["edge_cases"]) {
    const auto t = v["difficulty"].get<std::uint32_t>();
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    CHECK(to_hex(solve(challenge, t)) == v["output_hex"].get<std::string>());
    CHECK(verify(challenge, t, from_hex(v["output_hex"].get<std::string>())) == v["expected_verify"].get<bool>());
  }
}

TEST_CASE("verify rejects the vectors' negative cases", "[vdf][verify]") {
  const auto all = vectors();
  REQUIRE(all["negative_verify"].size() == 4);
  for (const auto& v : all["negative_verify"]) {
    INFO(v["case"].get<std::string>());
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    CHECK(verify(challenge, v["difficulty"].get<std::uint32_t>(), from_hex(v["output_hex"].get<std::string>())) ==
          v["expected_verify"].get<bool>());
  }
}

TEST_CASE("solve reproduces the VDF outputs inside the time-proof chain vectors", "[vdf][solve]") {
  const auto chains = test::load_json(test::shared_dir() / "vectors" / "time_proof_chain.json");
  int checked = 0;
  for (const auto& chain : chains["chains"]) {
    const auto t = chain["difficulty"].get<std::uint32_t>();
    for (const auto& round : chain["rounds"]) {
      for (std::size_t i = 0; i < round["out_hex"].size(); ++i) {
        const Bytes challenge = from_hex(round["vdf_challenges_hex"][i].get<std::string>());
        CHECK(to_hex(solve(challenge, t)) == round["out_hex"][i].get<std::string>());
        ++checked;
      }
    }
  }
  CHECK(checked >= 15);
}
