// The fast CreateDiscriminant: the same prime as the reference walk, found by sieving the
// progression n1 + M·i with small primes before any primality test.
#include <cstring>
#include <vector>

#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/primality.hpp"

namespace proofgrid::vdf {
namespace {

// Sieve primes 17 ≤ p < kSieveLimit (2, 3, ..., 13 are already excluded by the wheel),
// grouped three at a time so that one multi-limb remainder serves three primes.
constexpr std::uint32_t kSieveLimit = 1u << 20;
constexpr std::size_t kWindow = 4096;

struct SievePrime {
  std::uint32_t p;
  std::uint32_t m_inv;  // M⁻¹ mod p
};

struct SieveTable {
  std::vector<SievePrime> primes;
  std::vector<std::uint64_t> products;  // p[3i]·p[3i+1]·p[3i+2] (or fewer at the end)
};

std::uint32_t inverse_mod(std::uint64_t a, std::uint32_t p) {
  std::int64_t t0 = 0, t1 = 1;
  std::int64_t r0 = p, r1 = static_cast<std::int64_t>(a % p);
  while (r1 != 0) {
    const std::int64_t q = r0 / r1;
    std::int64_t tmp = r0 - q * r1;
    r0 = r1;
    r1 = tmp;
    tmp = t0 - q * t1;
    t0 = t1;
    t1 = tmp;
  }
  return static_cast<std::uint32_t>(t0 < 0 ? t0 + p : t0);
}

const SieveTable& sieve_table() {
  static const SieveTable table = [] {
    SieveTable t;
    std::vector<bool> composite(kSieveLimit, false);
    for (std::uint32_t i = 2; i < kSieveLimit; ++i) {
      if (composite[i]) continue;
      for (std::uint64_t j = std::uint64_t{i} * i; j < kSieveLimit; j += i) composite[j] = true;
      if (i >= 17) t.primes.push_back({i, inverse_mod(kWheelModulus, i)});
    }
    for (std::size_t i = 0; i < t.primes.size(); i += 3) {
      std::uint64_t prod = 1;
      for (std::size_t j = i; j < i + 3 && j < t.primes.size(); ++j) prod *= t.primes[j].p;
      t.products.push_back(prod);
    }
    return t;
  }();
  return table;
}

// Marks the indices i < kWindow for which some sieve prime divides n + M·i.
void sieve_window(const Mpz& n, std::vector<std::uint8_t>& composite) {
  const SieveTable& t = sieve_table();
  std::memset(composite.data(), 0, composite.size());
  const mp_limb_t* limbs = mpz_limbs_read(n);
  const auto size = static_cast<mp_size_t>(mpz_size(n));
  for (std::size_t g = 0; g < t.products.size(); ++g) {
    const std::uint64_t rem = mpn_mod_1(limbs, size, t.products[g]);
    for (std::size_t j = 3 * g; j < 3 * g + 3 && j < t.primes.size(); ++j) {
      const SievePrime& sp = t.primes[j];
      // p | n + M·i  ⇔  i ≡ −n·M⁻¹ (mod p)
      const std::uint64_t r = rem % sp.p;
      std::uint64_t i = r == 0 ? 0 : (std::uint64_t{sp.p - r} * sp.m_inv) % sp.p;
      for (; i < composite.size(); i += sp.p) composite[i] = 1;
    }
  }
}

}  // namespace

Mpz create_discriminant(ByteView seed) {
  Mpz n = progression_start(seed, kDiscriminantBits);
  std::vector<std::uint8_t> composite(kWindow);
  // Survivors are tested a few at a time, in ascending order.
  constexpr std::size_t kBatch = 4;
  std::vector<Mpz> batch(kBatch);
  Mpz step;
  for (;;) {
    sieve_window(n, composite);
    std::size_t filled = 0;
    for (std::size_t i = 0; i <= kWindow; ++i) {
      if (i < kWindow && !composite[i]) {
        mpz_set_ui(batch[filled], kWheelModulus);
        mpz_mul_ui(batch[filled], batch[filled], i);
        mpz_add(batch[filled], batch[filled], n);
        ++filled;
      }
      if (filled == kBatch || (i == kWindow && filled > 0)) {
        const std::size_t k = first_probable_prime(std::span<const Mpz>(batch.data(), filled));
        if (k < filled) {
          mpz_neg(batch[k], batch[k]);
          return batch[k];
        }
        filled = 0;
      }
    }
    mpz_set_ui(step, kWheelModulus);
    mpz_mul_ui(step, step, kWindow);
    mpz_add(n, n, step);
  }
}

}  // namespace proofgrid::vdf
