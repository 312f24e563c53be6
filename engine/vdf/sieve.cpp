#include "engine/vdf/sieve.hpp"

#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/limbs.hpp"

namespace proofgrid::vdf {
namespace {

using limbs::limb;
using limbs::u128;

// The Montgomery fold takes kFold limbs per reduction.
constexpr int kFold = 8;

// One product d of up to three consecutive sieve primes (d < 2^60, odd) with the constants
// of its Montgomery fold: −d⁻¹ mod 2^64 and c[k] = 2^(64k) mod d for k < kFold, except that
// c[0] stands for 2^(64·(kFold + 1)) (the factor of the running value).
struct Divisor {
  std::uint64_t d, neg_inv, c[kFold];
};

// Per prime, the constants that turn the two reductions of the start index into
// multiplications: r mod p by Barrett (v = ⌊(2^64 − 1)/p⌋) and r·(−M⁻¹) mod p by Shoup
// (w = (−M⁻¹) mod p, w' = ⌊w·2^32/p⌋).
struct SievePrime {
  std::uint32_t p;
  std::uint32_t w;
  std::uint32_t w_shoup;
  std::uint64_t barrett;
};

struct SieveTable {
  std::vector<std::uint32_t> values;
  std::vector<SievePrime> primes;
  std::vector<Divisor> divisors;  // divisor g covers primes 3g, 3g + 1, 3g + 2
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

Divisor make_divisor(std::uint64_t d) {
  std::uint64_t inv = d;  // d⁻¹ mod 2^64 by Newton's iteration
  for (int i = 0; i < 5; ++i) inv *= 2 - d * inv;
  Divisor out{d, 0 - inv, {}};
  const std::uint64_t c1 = static_cast<std::uint64_t>((u128{1} << 64) % d);
  std::uint64_t power = c1;  // 2^(64k) mod d
  for (int k = 1; k <= kFold + 1; ++k) {
    if (k < kFold) out.c[k] = power;
    if (k == kFold + 1) out.c[0] = power;
    power = static_cast<std::uint64_t>(u128{power} * c1 % d);
  }
  return out;
}

const SieveTable& sieve_table() {
  static const SieveTable table = [] {
    SieveTable t;
    std::vector<bool> composite(ProgressionSieve::kLimit, false);
    for (std::uint32_t i = 2; i < ProgressionSieve::kLimit; ++i) {
      if (composite[i]) continue;
      for (std::uint64_t j = std::uint64_t{i} * i; j < ProgressionSieve::kLimit; j += i) composite[j] = true;
      if (i < 17) continue;
      const std::uint32_t w = i - inverse_mod(kWheelModulus, i);
      t.values.push_back(i);
      t.primes.push_back({i, w, static_cast<std::uint32_t>((std::uint64_t{w} << 32) / i), ~std::uint64_t{0} / i});
    }
    for (std::size_t i = 0; i < t.primes.size(); i += 3) {
      std::uint64_t prod = 1;
      for (std::size_t j = i; j < i + 3 && j < t.primes.size(); ++j) prod *= t.primes[j].p;
      t.divisors.push_back(make_divisor(prod));
    }
    return t;
  }();
  return table;
}

// x·2^−64 mod d, below x/2^64 + d.
inline std::uint64_t redc(u128 x, const Divisor& dv) {
  const auto lo = static_cast<std::uint64_t>(x);
  const std::uint64_t m = lo * dv.neg_inv;
  return static_cast<std::uint64_t>(x >> 64) + static_cast<std::uint64_t>((u128{m} * dv.d) >> 64) + (lo != 0);
}

// Numbers ≡ x (mod d) below 2^64 for four divisors at once (independent chains hide the
// multiplier latency). x has kFold·groups limbs. Invariant: r ≡ (the limbs folded so far)·2^−64
// and r < 2^64; a fold sums kFold + 1 products below 2^124 and a limb (below 2^128), and its
// REDC stays below 2^63 + 2^61.
void residues4(const limb* x, int groups, const Divisor* const dv[4], std::uint64_t out[4]) {
  std::uint64_t r[4] = {0, 0, 0, 0};
  for (int g = groups; g-- > 0;) {
    const limb* l = x + kFold * g;
    for (int k = 0; k < 4; ++k) {
      const Divisor& d = *dv[k];
      u128 acc = u128{r[k]} * d.c[0] + l[0];
#pragma GCC unroll 8
      for (int j = 1; j < kFold; ++j) acc += u128{l[j]} * d.c[j];
      r[k] = redc(acc, d);
    }
  }
  // r ≡ x·2^−64: one more REDC by 2^128.
  for (int k = 0; k < 4; ++k) out[k] = redc(u128{r[k]} * dv[k]->c[2], *dv[k]);
}

// The index i < p of the first multiple of p in n + M·i, from a number rem ≡ n (mod p).
inline std::uint32_t first_multiple(std::uint64_t rem, const SievePrime& sp) {
  // The Barrett quotient is short by at most one.
  std::uint64_t r = rem - static_cast<std::uint64_t>((u128{rem} * sp.barrett) >> 64) * sp.p;
  if (r >= sp.p) r -= sp.p;
  // p | n + M·i  ⇔  i ≡ −n·M⁻¹ = r·w (mod p); Shoup's quotient is short by at most one.
  std::uint64_t i = r * sp.w - ((r * sp.w_shoup) >> 32) * sp.p;
  if (i >= sp.p) i -= sp.p;
  return static_cast<std::uint32_t>(i);
}

}  // namespace

std::span<const std::uint32_t> ProgressionSieve::primes() { return sieve_table().values; }

ProgressionSieve::ProgressionSieve(const Mpz& n) : next_(sieve_table().primes.size()) {
  const SieveTable& t = sieve_table();
  // n's limbs, zero-padded to whole groups.
  const std::size_t size = mpz_size(n);
  std::vector<limb> x((size + kFold - 1) / kFold * kFold, 0);
  for (std::size_t i = 0; i < size; ++i) x[i] = mpz_getlimbn(n, static_cast<mp_size_t>(i));
  const int groups = static_cast<int>(x.size() / kFold);
  const std::size_t count = t.divisors.size();
  for (std::size_t g = 0; g < count; g += 4) {
    const Divisor* dv[4];
    for (std::size_t k = 0; k < 4; ++k) dv[k] = &t.divisors[std::min(g + k, count - 1)];
    std::uint64_t rem[4];
    residues4(x.data(), groups, dv, rem);
    for (std::size_t k = 0; k < 4 && g + k < count; ++k)
      for (std::size_t j = 3 * (g + k); j < 3 * (g + k) + 3 && j < t.primes.size(); ++j)
        next_[j] = first_multiple(rem[k], t.primes[j]);
  }
}

void ProgressionSieve::next_window(std::vector<std::uint8_t>& composite) {
  const std::vector<std::uint32_t>& primes = sieve_table().values;
  composite.assign(kWindow, 0);
  for (std::size_t j = 0; j < primes.size(); ++j) {
    std::uint32_t i = next_[j];
    for (; i < kWindow; i += primes[j]) composite[i] = 1;
    next_[j] = i - kWindow;
  }
}

}  // namespace proofgrid::vdf
