// The BPSW implementation against GMP's mpz_probab_prime_p(n, 1), the spec's predicate.
#include <catch2/catch.hpp>

#include <random>

#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/ifma_batch.hpp"
#include "engine/vdf/lucas.hpp"
#include "engine/vdf/primality.hpp"

using namespace proofgrid::vdf;
using proofgrid::Isa;
using proofgrid::isa_name;
using proofgrid::usable_isas;

namespace {
bool gmp_prime(const Mpz& n) { return mpz_probab_prime_p(n, 1) != 0; }
}  // namespace

TEST_CASE("BPSW on GMP integers agrees with GMP below 200000", "[vdf][primality]") {
  for (long n = 0; n < 200000; ++n) {
    const Mpz v(n);
    if (bpsw_reference(v) != gmp_prime(v)) FAIL("disagreement at " << n);
  }
}

TEST_CASE("the strong Lucas test flags the known strong Lucas pseudoprimes", "[vdf][primality]") {
  // OEIS A217255: composites that pass the strong Lucas test with Selfridge's parameters.
  for (long n : {5459L, 5777L, 10877L, 16109L, 18971L, 22499L, 24569L, 25199L, 40309L, 58519L}) {
    const Mpz v(n);
    const long d = selfridge_d(v);
    REQUIRE(d != 0);
    MpzEngine e(v);
    CHECK(strong_lucas(e, v, d));
    CHECK_FALSE(bpsw_reference(v));  // none of them is a base-2 strong pseudoprime
  }
  // Base-2 strong pseudoprimes (OEIS A001262) fail the Lucas half.
  for (long n : {2047L, 3277L, 4033L, 4681L, 8321L, 15841L, 29341L, 42799L, 49141L, 52633L}) {
    CHECK_FALSE(bpsw_reference(Mpz(n)));
  }
}

TEST_CASE("perfect squares and small factors are rejected before Lucas", "[vdf][primality]") {
  CHECK(selfridge_d(Mpz(1000003L * 1000003L)) == 0);
  CHECK(selfridge_d(Mpz(5L * 1000003L)) == 0);
  CHECK_FALSE(bpsw_reference(Mpz(1000003L * 1000003L)));
}

TEST_CASE("the 2048-bit fast path agrees with GMP on random candidates", "[vdf][primality]") {
  std::mt19937_64 rng(23);
  Mpz start;
  for (int i = 0; i < 32; ++i) {
    mpz_mul_2exp(start, start, 64);
    mpz_add_ui(start, start, rng());
  }
  mpz_setbit(start, 2047);
  // Candidates ≡ 3 (mod 4) (the fast path's domain) leading up to the next such prime.
  Mpz p = start;
  do {
    mpz_nextprime(p, p);
  } while (mpz_fdiv_ui(p, 4) != 3);
  std::vector<Mpz> batch;
  Mpz n = p;
  for (int i = 0; i < 120; ++i) {
    mpz_sub_ui(n, n, 4);
    if (mpz_fdiv_ui(n, 3) != 0 && mpz_fdiv_ui(n, 5) != 0) batch.insert(batch.begin(), n);
  }
  batch.push_back(p);
  std::size_t first = batch.size();
  for (std::size_t i = 0; i < batch.size() && first == batch.size(); ++i)
    if (gmp_prime(batch[i])) first = i;
  REQUIRE(first < batch.size());
  for (const Isa isa : usable_isas()) {  // the scalar level (GMP) and IFMA where the CPU has it
    INFO("isa " << isa_name(isa));
    for (const Mpz& c : batch) CHECK(is_probable_prime(c, isa) == gmp_prime(c));
    CHECK(first_probable_prime(batch, isa) == first);
  }
  CHECK(bpsw_reference(p));
}

TEST_CASE("the three-squaring Lucas ladder gives U_k and U_(k+1) exactly", "[vdf][primality]") {
  if (!ifma::batch_supported()) {
    WARN("no AVX-512 IFMA on this CPU (or PROOFGRID_NO_AVX512 is set): nothing to compare");
    return;
  }
  std::mt19937_64 rng(113);
  for (int i = 0; i < 12; ++i) {
    Mpz n;
    for (int j = 0; j < 32; ++j) {
      mpz_mul_2exp(n, n, 64);
      mpz_add_ui(n, n, rng());
    }
    mpz_setbit(n, 2047 - static_cast<unsigned long>(i % 8));
    mpz_setbit(n, 0);
    const long q = static_cast<long>(rng() % 33) - 16;
    Mpz k;
    mpz_fdiv_q_2exp(k, n, static_cast<unsigned long>(rng() % 2040));  // k from 8 to 2048 bits
    mpz_setbit(k, 0);
    ifma::Modulus m;
    ifma::setup(m, n);
    Mpz u, u1;
    ifma::lucas_u_pair(m, k, q, u, u1);
    // [[P, −Q], [1, 0]]^k = [[U_(k+1), −Q·U_k], [U_k, −Q·U_(k−1)]] with P = 1, by mpz.
    Mpz a(1), b(0), c(0), d(1), x(1), y(-q), z(1), w(0), t0, t1, t2, t3;
    auto mul = [&](Mpz& p, Mpz& r, Mpz& s, Mpz& o, const Mpz& e, const Mpz& f, const Mpz& g, const Mpz& h) {
      mpz_mul(t0, p, e), mpz_addmul(t0, r, g);
      mpz_mul(t1, p, f), mpz_addmul(t1, r, h);
      mpz_mul(t2, s, e), mpz_addmul(t2, o, g);
      mpz_mul(t3, s, f), mpz_addmul(t3, o, h);
      mpz_mod(p, t0, n), mpz_mod(r, t1, n), mpz_mod(s, t2, n), mpz_mod(o, t3, n);
    };
    for (std::size_t bit = 0; bit < k.bits(); ++bit) {
      if (mpz_tstbit(k, bit)) mul(a, b, c, d, x, y, z, w);
      const Mpz x0 = x, y0 = y, z0 = z, w0 = w;
      mul(x, y, z, w, x0, y0, z0, w0);
    }
    INFO("q = " << q << ", k has " << k.bits() << " bits");
    CHECK(u == c);
    CHECK(u1 == a);
  }
}

TEST_CASE("the fast Lucas half agrees with the GMP engine on primes and composites", "[vdf][primality]") {
  std::mt19937_64 rng(127);
  int probable_primes = 0;
  for (int i = 0; i < 24; ++i) {
    Mpz n;
    for (int j = 0; j < 32; ++j) {
      mpz_mul_2exp(n, n, 64);
      mpz_add_ui(n, n, rng());
    }
    mpz_setbit(n, 2047);
    mpz_setbit(n, 0);
    if (i % 4 == 0) {  // a prime: the first of a progression the wheel allows (n ≡ 23 mod M)
      mpz_sub_ui(n, n, mpz_fdiv_ui(n, kWheelModulus));
      mpz_add_ui(n, n, 23);
      n = smallest_prime_in_progression(n);
    }
    const long d = selfridge_d(n);
    if (d == 0) continue;
    MpzEngine e(n);
    const bool want = strong_lucas(e, n, d);
    CHECK(strong_lucas_probable_prime(n) == want);
    probable_primes += want;
  }
  CHECK(probable_primes >= 6);
}
