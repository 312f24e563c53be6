// The checkpointed proof against a plain exponentiation, the quotient digits, the proof plan,
// and the T ≈ 124–130 boundary where π stops being the identity.
#include <catch2/catch.hpp>

#include "engine/common/hash.hpp"
#include "tests/unit/vdf/challenge.hpp"
#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/reference.hpp"
#include "engine/vdf/vdf.hpp"

using namespace proofgrid;
using namespace proofgrid::vdf;
using proofgrid::vdf::test::challenge_of;

namespace {

Checkpoints checkpoints_for(const Group& g, std::uint32_t t, std::uint32_t kappa, FastForm& y) {
  Checkpoints c;
  y = g.generator();
  c.push(y);
  for (std::uint32_t i = 1; i <= t; ++i) {
    g.square(y);
    if (i % kappa == 0) c.push(y);
  }
  return c;
}

}  // namespace

TEST_CASE("quotient digits are the base-2^k digits of floor(2^T / l)", "[vdf][proof]") {
  for (std::uint32_t t : {0u, 1u, 100u, 127u, 128u, 129u, 1000u, 4097u}) {
    for (std::uint32_t k : {1u, 3u, 8u, 13u}) {
      for (U128 ell : {U128{0, 3}, U128{0, 1000003}, U128{0x8000000000000000ull, 0x61}, U128{1, 1}}) {
        const Mpz l = to_mpz(ell);
        Mpz q, p;
        mpz_setbit(p, t);
        mpz_fdiv_q(q, p, l);
        const std::vector<std::uint32_t> digits = quotient_digits(t, ell, k);
        REQUIRE(digits.size() == t / k + 1);
        Mpz back;
        for (std::size_t j = digits.size(); j-- > 0;) {
          mpz_mul_2exp(back, back, k);
          mpz_add_ui(back, back, digits[j]);
        }
        INFO("T=" << t << " k=" << k);
        CHECK(back == q);
      }
    }
  }
}

TEST_CASE("the proof plan keeps the checkpoint count under its cap", "[vdf][proof]") {
  for (std::uint32_t t : {0u, 1u, 1000u, 25000u, 200000u, 10000000u, 4294967295u}) {
    const ProofPlan plan = proof_plan(t);
    CHECK(plan.k >= 1);
    CHECK(t / plan.kappa() + 1 <= kMaxCheckpoints);
  }
}

TEST_CASE("the proof from checkpoints equals x^floor(2^T/l) for several plans", "[vdf][proof]") {
  const auto g = group_for(challenge_of("proof-from-checkpoints"));
  const Mpz& d = g->discriminant();
  for (std::uint32_t t : {130u, 1000u, 3001u}) {
    for (ProofPlan plan : {ProofPlan{1, 1}, ProofPlan{4, 1}, ProofPlan{5, 3}, ProofPlan{7, 2}, proof_plan(t)}) {
      FastForm y;
      const Checkpoints cps = checkpoints_for(*g, t, plan.kappa(), y);
      const U128 ell = hash_prime(encode(*g, g->generator()), encode(*g, y), t);
      Mpz q, p;
      mpz_setbit(p, t);
      mpz_fdiv_q(q, p, to_mpz(ell));
      const Form want = pow_reference(generator_form(d), q, d);
      INFO("T=" << t << " k=" << plan.k << " l=" << plan.l);
      CHECK(g->to_form(prove_from_checkpoints(*g, t, ell, cps, plan)) == want);
    }
  }
}

TEST_CASE("a wrong number of checkpoints is refused", "[vdf][proof]") {
  const auto g = group_for(challenge_of("proof-from-checkpoints"));
  FastForm y;
  Checkpoints cps = checkpoints_for(*g, 100, 10, y);
  cps.push(y);
  CHECK_THROWS_AS(prove_from_checkpoints(*g, 100, U128{0, 1000003}, cps, ProofPlan{10, 1}),
                  std::invalid_argument);
}

TEST_CASE("solve equals the reference around the T ≈ 124–130 boundary", "[vdf][proof]") {
  const Bytes c = challenge_of("boundary");
  const Mpz d = create_discriminant_reference(c);
  int identity_proofs = 0;
  for (std::uint32_t t = 118; t <= 136; ++t) {
    const Output fast = solve(c, t);
    INFO("T=" << t);
    CHECK(fast == solve_reference(d, t));
    CHECK(verify(c, t, fast));
    CHECK_FALSE(verify(c, t + 1, fast));
    // π = identity (1, 1) while 2^T < ℓ.
    const bool identity = std::all_of(fast.begin() + kFormSize, fast.begin() + kFormSize + 128,
                                      [](std::uint8_t b) { return b == 0; }) &&
                          fast[kFormSize + 128] == 1;
    identity_proofs += identity;
  }
  CHECK(identity_proofs >= 5);   // T = 118 .. ~123 at least
  CHECK(identity_proofs <= 12);  // T ≥ 129 never
}

TEST_CASE("T = 0 gives y = x and π = identity for any challenge", "[vdf][proof]") {
  for (const char* text : {"zero-a", "zero-b"}) {
    const Bytes c = challenge_of(text);
    const Output out = solve(c, 0);
    Output want{};
    want[128] = 2;
    want[257] = 1;
    want[258 + 128] = 1;
    want[515] = 1;
    CHECK(out == want);
    CHECK(verify(c, 0, out));
  }
}

TEST_CASE("finish_proof on an externally computed chain equals solve", "[vdf][proof]") {
  const Bytes c = challenge_of("finish-proof");
  const auto g = group_for(c);
  const std::uint32_t t = 2500;
  FastForm y;
  const Checkpoints cps = checkpoints_for(*g, t, proof_plan(t).kappa(), y);
  CHECK(finish_proof(*g, t, y, cps) == solve(c, t));
}
