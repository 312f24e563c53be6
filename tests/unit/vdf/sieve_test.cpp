// CreateDiscriminant's fast path piece by piece: the progression sieve against mpz
// remainders, the four-lane base-2 test against GMP, and the whole search against the
// reference walk (the smallest prime of the progression).
#include <catch2/catch.hpp>

#include <random>

#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/ifma_batch.hpp"
#include "engine/vdf/primality.hpp"
#include "engine/vdf/sieve.hpp"

using namespace proofgrid;
using namespace proofgrid::vdf;

namespace {

Mpz random_bits(std::mt19937_64& rng, int bits) {
  Mpz v;
  for (int i = 0; i < bits / 64; ++i) {
    mpz_mul_2exp(v, v, 64);
    mpz_add_ui(v, v, rng());
  }
  return v;
}

// The index i < p with p | n + M·i, from mpz arithmetic.
std::uint32_t first_multiple(const Mpz& n, std::uint32_t p) {
  Mpz m_inv(static_cast<long>(kWheelModulus)), mod(static_cast<long>(p));
  mpz_invert(m_inv, m_inv, mod);
  const unsigned long r = mpz_fdiv_ui(n, p);
  return static_cast<std::uint32_t>(((p - r) % p) * mpz_get_ui(m_inv) % p);
}

bool gmp_sprp2(const Mpz& n) {
  Mpz e, x, nm1;
  mpz_sub_ui(nm1, n, 1);
  mpz_fdiv_q_2exp(e, nm1, 1);
  mpz_powm(x, Mpz(2), e, n);
  return mpz_cmp_ui(x.get(), 1) == 0 || mpz_cmp(x, nm1) == 0;
}

}  // namespace

TEST_CASE("the sieve primes are the primes from 17 below the limit", "[vdf][sieve]") {
  const auto primes = ProgressionSieve::primes();
  REQUIRE(primes.front() == 17);
  std::size_t count = 0;
  for (std::uint32_t p = 17; p < ProgressionSieve::kLimit; p += 2) count += mpz_probab_prime_p(Mpz(p).get(), 1) != 0;
  CHECK(primes.size() == count);
  CHECK(std::is_sorted(primes.begin(), primes.end()));
  for (std::size_t i = 0; i < primes.size(); i += 997) CHECK(mpz_probab_prime_p(Mpz(primes[i]).get(), 1) != 0);
}

TEST_CASE("sieve offsets are each prime's first multiple, window after window", "[vdf][sieve]") {
  std::mt19937_64 rng(101);
  for (int bits : {64, 1024, 2048, 2112}) {
    Mpz n = random_bits(rng, bits);
    ProgressionSieve sieve(n);
    std::vector<std::uint8_t> composite;
    for (int window = 0; window < 3; ++window) {
      const auto primes = ProgressionSieve::primes();
      const auto offsets = sieve.offsets();
      std::size_t wrong = 0;
      for (std::size_t j = 0; j < primes.size(); ++j) wrong += offsets[j] != first_multiple(n, primes[j]);
      INFO("bits " << bits << " window " << window);
      CHECK(wrong == 0);
      sieve.next_window(composite);
      REQUIRE(composite.size() == ProgressionSieve::kWindow);
      // Marked numbers have a sieve prime factor; unmarked ones none of the first 3000.
      Mpz c;
      for (std::uint32_t i = 0; i < ProgressionSieve::kWindow; i += 7) {
        mpz_set_ui(c, kWheelModulus);
        mpz_mul_ui(c, c, i);
        mpz_add(c, c, n);
        bool divisible = false;
        const std::size_t limit = composite[i] ? primes.size() : 3000;
        for (std::size_t j = 0; j < limit && !divisible; ++j) divisible = mpz_divisible_ui_p(c, primes[j]) != 0;
        if (divisible != (composite[i] != 0)) FAIL("index " << i << " marked " << int{composite[i]});
      }
      mpz_add_ui(n, n, std::uint64_t{kWheelModulus} * ProgressionSieve::kWindow);
    }
  }
}

namespace {

// A random prime ≡ residue (mod 8) of 2048 − drop bits, quickly: the first in a progression
// (checked with GMP).
Mpz random_prime(std::mt19937_64& rng, unsigned residue, unsigned drop = 0) {
  Mpz n = random_bits(rng, 2048);
  mpz_fdiv_q_2exp(n, n, drop + 1);
  mpz_setbit(n, 2047 - drop);
  // n ≡ residue (mod 8) and coprime to 3·5·7·11·13.
  const unsigned long r = mpz_fdiv_ui(n, kWheelModulus);
  mpz_sub_ui(n, n, r);
  std::uint32_t res = residue;
  while (res % 3 == 0 || res % 5 == 0 || res % 7 == 0 || res % 11 == 0 || res % 13 == 0) res += 8;
  mpz_add_ui(n, n, res);
  Mpz p = smallest_prime_in_progression(n);
  REQUIRE(mpz_probab_prime_p(p.get(), 1) != 0);
  return p;
}

}  // namespace

TEST_CASE("the four-lane base-2 test agrees with GMP", "[vdf][primality]") {
  if (!ifma::batch_supported()) {
    WARN("no AVX-512 IFMA on this CPU (or PROOFGRID_NO_AVX512 is set): nothing to compare");
    return;
  }
  std::mt19937_64 rng(103);
  // Primes ≡ 7 (mod 8) answer +1, primes ≡ 3 (mod 8) answer −1, odd composites neither;
  // sizes from 2041 to 2048 bits.
  std::vector<Mpz> numbers;
  for (int i = 0; i < 40; ++i) {
    const auto drop = static_cast<unsigned>(i % 8);
    if (i % 5 == 1) {
      numbers.push_back(random_prime(rng, i % 2 ? 3 : 7, drop));
      continue;
    }
    Mpz n = random_bits(rng, 2048);
    mpz_fdiv_q_2exp(n, n, drop);
    mpz_setbit(n, 2047 - drop);
    mpz_setbit(n, 0);
    mpz_setbit(n, 1);
    numbers.push_back(n);
  }
  std::size_t at = 0;
  for (std::size_t count = 1; at < numbers.size(); count = count % ifma::kBatchLanes + 1) {
    count = std::min(count, numbers.size() - at);
    ifma::Modulus m[ifma::kBatchLanes];
    const ifma::Modulus* moduli[ifma::kBatchLanes];
    bool ok[ifma::kBatchLanes];
    for (std::size_t j = 0; j < count; ++j) {
      ifma::setup(m[j], numbers[at + j]);
      moduli[j] = &m[j];
    }
    ifma::sprp2_batch(moduli, count, ok);
    for (std::size_t j = 0; j < count; ++j) CHECK(ok[j] == gmp_sprp2(numbers[at + j]));
    at += count;
  }
}

TEST_CASE("first_probable_prime finds GMP's first prime in mixed batches", "[vdf][primality]") {
  std::mt19937_64 rng(107);
  for (int round = 0; round < 3; ++round) {
    // The progression below a discriminant's prime, with an even number and a short
    // composite (both leave the fast path) mixed in.
    const Mpz p = random_prime(rng, 7);
    std::vector<Mpz> run;
    Mpz n = p;
    for (int i = 0; i < 30; ++i) {
      mpz_sub_ui(n, n, kWheelModulus);
      run.insert(run.begin(), n);
    }
    run.insert(run.begin() + 3 * round + 1, Mpz(1000000L));
    run.insert(run.begin() + 5 * round + 2, Mpz(1000003L * 1000033L));
    run.push_back(p);
    std::size_t want = run.size();
    for (std::size_t i = 0; i < run.size() && want == run.size(); ++i)
      if (mpz_probab_prime_p(run[i].get(), 1) != 0) want = i;
    for (std::size_t from : {std::size_t{0}, want / 2, want}) {
      const std::span<const Mpz> tail(run.data() + from, run.size() - from);
      CHECK(first_probable_prime(tail) + from == want);
    }
  }
}

TEST_CASE("create_discriminant is the smallest prime of the progression", "[vdf][discriminant]") {
  std::mt19937_64 rng(109);
  for (int i = 0; i < 4; ++i) {
    Bytes challenge(32);
    for (auto& b : challenge) b = static_cast<std::uint8_t>(rng());
    CHECK(create_discriminant(challenge) == create_discriminant_reference(challenge));
  }
}
