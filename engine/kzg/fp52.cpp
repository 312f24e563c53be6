#include "engine/kzg/fp52.hpp"

#include <vector>

#include "engine/kzg/gmp_util.hpp"
#include "engine/kzg/mont.hpp"

namespace proofgrid::kzg {
namespace {

constexpr std::uint64_t kMask52 = (std::uint64_t{1} << 52) - 1;

// Raw (non-Montgomery) Fp limbs of 2^e mod p, for the R-to-R' conversions below.
Fp raw_power_of_two(unsigned e) {
  Mpz v, m(FieldParams<Fp>::kModulus);
  mpz_set_ui(v.v, 1);
  mpz_mul_2exp(v.v, v.v, e);
  mpz_mod(v.v, v.v, m.v);
  Fp out;
  out.limb = v.limbs<Fp::kLimbs>();
  return out;
}

Fp52 repack_to_52(const Limbs<Fp::kLimbs>& v) {
  Fp52 out;
  for (std::size_t j = 0; j < Fp52::kLimbs; ++j) {
    const std::size_t bit = 52 * j, w = bit / 64, s = bit % 64;
    std::uint64_t x = w < Fp::kLimbs ? v[w] >> s : 0;
    if (s > 12 && w + 1 < Fp::kLimbs) x |= v[w + 1] << (64 - s);
    out.limb[j] = x & kMask52;
  }
  return out;
}

// Integer value of 12 radix-2^52 limbs (< 2^624) as 10 64-bit limbs, reduced mod p.
Limbs<Fp::kLimbs> reduced_value(const Fp52& a) {
  std::array<std::uint64_t, 10> v{};
  for (std::size_t j = 0; j < Fp52::kLimbs; ++j) {
    const std::size_t bit = 52 * j, w = bit / 64, s = bit % 64;
    v[w] |= a.limb[j] << s;
    if (s > 12 && w + 1 < v.size()) v[w + 1] |= a.limb[j] >> (64 - s);
  }
  // Values here are below 2^586 < 32p; subtract p while needed (a handful of times at most).
  while (!limbs_less(v, FieldParams<Fp>::kModulus)) {
    std::uint64_t borrow = 0;
    for (std::size_t j = 0; j < v.size(); ++j) {
      const u128 d = static_cast<u128>(v[j]) - FieldParams<Fp>::kModulus[j] - borrow;
      v[j] = static_cast<std::uint64_t>(d);
      borrow = static_cast<std::uint64_t>(d >> 64) & 1U;
    }
  }
  return v;
}

}  // namespace

Fp52 to_fp52(const Fp& a) {
  // a holds x*2^640 mod p; one Montgomery product with the raw 2^624 mod p gives x*2^624 mod p.
  static const Fp k2to624 = raw_power_of_two(624);
  return repack_to_52((a * k2to624).limb);
}

Fp from_fp52(const Fp52& a) {
  // x*2^624 (fully reduced) times the raw 2^656 mod p, over 2^640: x*2^640 mod p.
  static const Fp k2to656 = raw_power_of_two(656);
  Fp v;
  v.limb = reduced_value(a);
  return v * k2to656;
}

G1Affine52 to_affine52(const G1Affine& p) {
  if (p.infinity) return G1Affine52{};
  return G1Affine52{to_fp52(p.x), to_fp52(p.y), false};
}

G1Affine from_affine52(const G1Affine52& p) {
  if (p.infinity) return G1Affine{};
  return G1Affine{from_fp52(p.x), from_fp52(p.y), false};
}

G1Affine52 neg(const G1Affine52& p) {
  if (p.infinity) return p;
  // 2p - y in radix 2^52 (y < 2p), with borrows.
  static const Fp52 two_p = [] {
    Limbs<Fp::kLimbs> t{};
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < t.size(); ++j) {
      const u128 s = static_cast<u128>(FieldParams<Fp>::kModulus[j]) * 2 + carry;
      t[j] = static_cast<std::uint64_t>(s);
      carry = static_cast<std::uint64_t>(s >> 64);
    }
    return repack_to_52(t);
  }();
  G1Affine52 out = p;
  std::int64_t borrow = 0;
  for (std::size_t j = 0; j < Fp52::kLimbs; ++j) {
    std::int64_t d = static_cast<std::int64_t>(two_p.limb[j]) - static_cast<std::int64_t>(p.y.limb[j]) + borrow;
    borrow = d >> 52;  // arithmetic: -1 when d < 0
    out.y.limb[j] = static_cast<std::uint64_t>(d) & kMask52;
  }
  return out;
}

bool invert_all(std::span<Fp52> values) {
  // Integers A_i = x_i R' mod p; the inverse representation is x_i^-1 R' = R'^2 / A_i mod p.
  static const Fp r2 = raw_power_of_two(2 * 624);
  const Mpz m(FieldParams<Fp>::kModulus), r2z(r2.limb);
  Mpz acc, inv, t;
  std::vector<Limbs<Fp::kLimbs>> a(values.size()), prefix(values.size());
  mpz_set_ui(acc.v, 1);
  for (std::size_t i = 0; i < values.size(); ++i) {
    a[i] = reduced_value(values[i]);
    if (limbs_is_zero(a[i])) return false;
    prefix[i] = acc.limbs<Fp::kLimbs>();
    t.set(a[i]);
    mpz_mul(acc.v, acc.v, t.v);
    mpz_mod(acc.v, acc.v, m.v);
  }
  mpz_invert(inv.v, acc.v, m.v);
  mpz_mul(inv.v, inv.v, r2z.v);
  mpz_mod(inv.v, inv.v, m.v);  // (prod A)^-1 R'^2
  for (std::size_t i = values.size(); i-- > 0;) {
    t.set(prefix[i]);
    mpz_mul(t.v, t.v, inv.v);
    mpz_mod(t.v, t.v, m.v);  // A_i^-1 R'^2
    values[i] = repack_to_52(t.limbs<Fp::kLimbs>());
    t.set(a[i]);
    mpz_mul(inv.v, inv.v, t.v);
    mpz_mod(inv.v, inv.v, m.v);
  }
  return true;
}

}  // namespace proofgrid::kzg
