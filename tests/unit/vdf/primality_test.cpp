// The BPSW implementation against GMP's mpz_probab_prime_p(n, 1), the spec's predicate.
#include <catch2/catch.hpp>

#include <random>

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
