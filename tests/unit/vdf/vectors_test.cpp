#include <catch2/catch.hpp>

#include "engine/common/hash.hpp"
#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/hash_prime.hpp"
#include "engine/vdf/reference.hpp"
#include "engine/vdf/vdf.hpp"
#include "tests/support/paths.hpp"

using namespace proofgrid;
using namespace proofgrid::vdf;

namespace {
nlohmann::json vectors() {
  return test::load_json(test::shared_dir() / "vectors" / "vdf_wesolowski_2048.json");
}
}  // namespace

TEST_CASE("reference discriminants match the vectors' intermediates", "[vdf][reference]") {
  const auto all = vectors();
  for (const auto& v : all["intermediates"]) {
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    CHECK(create_discriminant_reference(challenge).str() == v["discriminant_dec"].get<std::string>());
  }
}

TEST_CASE("reference solve reproduces the vectors up to T = 1000", "[vdf][reference]") {
  const auto all = vectors();
  for (const auto& v : all["vectors"]) {
    const auto t = v["difficulty"].get<std::uint32_t>();
    if (t > 1000) continue;
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    const Output out = solve_reference(challenge, t);
    CHECK(to_hex(out) == v["output_hex"].get<std::string>());
    CHECK(verify_reference(challenge, t, out));
  }
}

TEST_CASE("fast discriminants match the vectors' intermediates", "[vdf][discriminant]") {
  const auto all = vectors();
  for (const auto& v : all["intermediates"]) {
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    CHECK(create_discriminant(challenge).str() == v["discriminant_dec"].get<std::string>());
  }
}

TEST_CASE("solve reproduces every vector and verify accepts it", "[vdf][solve]") {
  const auto all = vectors();
  for (const auto& v : all["vectors"]) {
    const auto t = v["difficulty"].get<std::uint32_t>();
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    const Output out = solve(challenge, t);
    CHECK(to_hex(out) == v["output_hex"].get<std::string>());
    CHECK(verify(challenge, t, out));
    CHECK_FALSE(verify(challenge, t + 1, out));
  }
  for (const auto& v : all["edge_cases"]) {
    const auto t = v["difficulty"].get<std::uint32_t>();
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    CHECK(to_hex(solve(challenge, t)) == v["output_hex"].get<std::string>());
    CHECK(verify(challenge, t, from_hex(v["output_hex"].get<std::string>())) ==
          v["expected_verify"].get<bool>());
  }
}

TEST_CASE("verify rejects the vectors' negative cases", "[vdf][verify]") {
  const auto all = vectors();
  for (const auto& v : all["negative_verify"]) {
    INFO(v["case"].get<std::string>());
    const Bytes challenge = from_hex(v["challenge_hex"].get<std::string>());
    CHECK_FALSE(verify(challenge, v["difficulty"].get<std::uint32_t>(),
                       from_hex(v["output_hex"].get<std::string>())));
  }
}
