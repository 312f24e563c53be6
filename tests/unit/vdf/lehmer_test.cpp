// The Lehmer gcds: modular inverses and the partial Euclid's stopping point.
#include <catch2/catch.hpp>

#include <random>

#include "engine/vdf/lehmer.hpp"

using namespace proofgrid::vdf;
using limbs::Nat;

namespace {

Mpz random_bits(std::mt19937_64& rng, int bits) {
  Mpz v;
  for (int i = 0; i < bits; i += 64) {
    mpz_mul_2exp(v, v, 64);
    mpz_add_ui(v, v, rng());
  }
  mpz_fdiv_r_2exp(v, v, static_cast<mp_bitcnt_t>(bits));
  return v;
}

Nat nat(const Mpz& v) {
  Nat n;
  REQUIRE(limbs::from_mpz(n, v));
  return n;
}

Mpz mpz_of(const Nat& n) {
  Mpz v;
  limbs::to_mpz(v, n);
  return v;
}

}  // namespace

TEST_CASE("run_full computes gcd and the cofactor of B", "[vdf][lehmer]") {
  std::mt19937_64 rng(29);
  for (int bits : {1, 60, 64, 65, 200, 700, 1024, 1500}) {
    for (int rep = 0; rep < 40; ++rep) {
      Mpz a = random_bits(rng, bits), b = random_bits(rng, bits);
      mpz_add_ui(a, a, 2);
      if (rep % 5 == 0) mpz_fdiv_q_2exp(b, b, static_cast<mp_bitcnt_t>(bits / 2));  // B ≪ A
      if (rep % 7 == 0) mpz_mul_ui(a, b, 6), mpz_add_ui(a, a, 4);                   // shared factors
      mpz_mod(b, b, a);
      lehmer::State s;
      lehmer::start(s, nat(a), nat(b), false);
      lehmer::run_full(s);
      Mpz g, t, check;
      mpz_gcd(g, a, b);
      INFO("bits " << bits);
      CHECK(mpz_of(s.r0()) == g);
      CHECK(s.r1().n == 0);
      t = mpz_of(s.t0);
      if (s.t0_neg) mpz_neg(t, t);
      mpz_mul(check, t, b);
      mpz_sub(check, check, g);
      CHECK(mpz_divisible_p(check, a) != 0);  // r0 ≡ t0·B (mod A)
    }
  }
}

TEST_CASE("run_partial stops at the first remainder not above the bound", "[vdf][lehmer]") {
  std::mt19937_64 rng(31);
  for (int rep = 0; rep < 200; ++rep) {
    const Mpz a = random_bits(rng, 1024);
    Mpz mu = random_bits(rng, 1024), bound = random_bits(rng, 400 + rep % 300);
    mpz_mod(mu, mu, a);
    lehmer::State s;
    lehmer::start(s, nat(a), nat(mu), true);
    lehmer::run_partial(s, nat(bound));
    // The same run, one exact step at a time.
    Mpz r0 = a, r1 = mu, q, r2;
    std::uint32_t steps = 0;
    while (mpz_sgn(r1.get()) != 0 && mpz_cmp(r0, bound) > 0) {
      mpz_fdiv_qr(q, r2, r0, r1);
      r0 = r1;
      r1 = r2;
      ++steps;
    }
    CHECK(mpz_of(s.r0()) == r0);
    CHECK(mpz_of(s.r1()) == r1);
    CHECK(s.steps == steps);
    // The lattice relation: r_i ≡ −μ·y_i (mod a) with y = ±t.
    Mpz y = mpz_of(s.t0), rel;
    if (s.t0_neg) mpz_neg(y, y);
    mpz_mul(rel, mu, y);
    mpz_add(rel, rel, r0);
    CHECK(mpz_divisible_p(rel, a) != 0);
  }
}
