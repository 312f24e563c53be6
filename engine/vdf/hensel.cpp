#include "engine/vdf/hensel.hpp"

#include <algorithm>

namespace proofgrid::vdf::hensel {

using limbs::Int;
using limbs::limb;
using limbs::Nat;
using limbs::u128;

namespace {

constexpr int kMaxLimbs = 20;

// r = (x · y) mod 2^(64w), from the low w limbs of each (x, y zero-extended).
void mullo(limb* r, const Nat& x, const Nat& y, int w) {
  std::fill(r, r + w, 0);
  const int xn = std::min(x.n, w), yn = std::min(y.n, w);
  for (int i = 0; i < xn; ++i) {
    const int top = std::min(yn, w - i);
    limb carry = 0;
    for (int j = 0; j < top; ++j) {
      const u128 t = u128{x.d[i]} * y.d[j] + r[i + j] + carry;
      r[i + j] = static_cast<limb>(t);
      carry = static_cast<limb>(t >> 64);
    }
    if (i + top < w) r[i + top] += carry;  // later rows add on top of it
  }
}

// r = ±r (two's complement, w limbs)
void negate(limb* r, int w) {
  limb borrow = 1;
  for (int i = 0; i < w; ++i) {
    const limb v = ~r[i] + borrow;
    borrow = borrow && v == 0;
    r[i] = v;
  }
}

void add_to(limb* r, const limb* x, int w) {
  limb carry = 0;
  for (int i = 0; i < w; ++i) {
    const u128 t = u128{r[i]} + x[i] + carry;
    r[i] = static_cast<limb>(t);
    carry = static_cast<limb>(t >> 64);
  }
}

std::size_t bits_of(const Int& v) { return v.mag.bits(); }

}  // namespace

Divisor::Divisor(const Nat& m) : bits(m.bits()) {
  limbs::copy(odd, m);
  if (m.n == 0) return;
  shift = static_cast<unsigned>(mpn_scan1(m.d, 0));
  const int limb_shift = static_cast<int>(shift / 64);
  const unsigned bit_shift = shift % 64;
  const int n = m.n - limb_shift;
  if (bit_shift != 0)
    mpn_rshift(odd.d, m.d + limb_shift, n, bit_shift);
  else
    std::copy(m.d + limb_shift, m.d + m.n, odd.d);
  odd.n = n;
  odd.normalize();
  // odd⁻¹ mod 2^64 by Newton's iteration (each step doubles the correct low bits).
  const limb o = odd.d[0];
  limb inv = o;
  for (int i = 0; i < 5; ++i) inv *= 2 - o * inv;
  inv0 = inv;
}

bool linear(Int& out, const Int& alpha, const Int& u, const Int& beta, const Int& y, const Divisor& m) {
  if (m.bits == 0) return false;
  // |α·u + β·y| < 2^(max(bits) + 1), so |quotient| < 2^(that − (bits(m) − 1)).
  const std::size_t num_bits = std::max(bits_of(alpha) + bits_of(u), bits_of(beta) + bits_of(y)) + 1;
  const std::size_t q_bits = num_bits + 1 > m.bits ? num_bits + 1 - m.bits + 1 : 1;  // + sign bit
  const int w = static_cast<int>((q_bits + 63) / 64);
  const int shift_limbs = static_cast<int>((m.shift + 63) / 64);
  const int nw = w + shift_limbs;  // numerator limbs needed before dropping 2^shift
  if (w < 1 || nw > kMaxLimbs) return false;
  // The numerator modulo 2^(64·nw), two's complement.
  limb num[kMaxLimbs], t[kMaxLimbs];
  mullo(num, alpha.mag, u.mag, nw);
  if (alpha.neg != u.neg) negate(num, nw);
  mullo(t, beta.mag, y.mag, nw);
  if (beta.neg != y.neg) negate(t, nw);
  add_to(num, t, nw);
  // Drop the factor 2^shift (exact), keeping w limbs.
  limb* n = num;
  const unsigned bit_shift = m.shift % 64;
  const int limb_shift = static_cast<int>(m.shift / 64);
  if (bit_shift != 0)
    mpn_rshift(num, num + limb_shift, nw - limb_shift, bit_shift);
  else if (limb_shift != 0)
    std::copy(num + limb_shift, num + nw, num);
  // Hensel division by the odd part, one quotient limb at a time.
  limb q[kMaxLimbs] = {};
  for (int i = 0; i < w; ++i) {
    const limb qi = n[i] * m.inv0;
    q[i] = qi;
    // n -= qi · odd · 2^(64 i), on limbs i .. w−1 (limb i becomes 0).
    limb borrow = 0;
    const int top = std::min(m.odd.n, w - i);
    for (int j = 0; j < top; ++j) {
      const u128 p = u128{qi} * m.odd.d[j] + borrow;
      const limb lo = static_cast<limb>(p);
      borrow = static_cast<limb>(p >> 64) + (n[i + j] < lo);
      n[i + j] -= lo;
    }
    for (int j = i + top; j < w && borrow != 0; ++j) {
      const limb v = n[j];
      n[j] = v - borrow;
      borrow = v < borrow;
    }
  }
  // Two's complement quotient to sign and magnitude.
  out.neg = (q[w - 1] >> 63) != 0;
  if (out.neg) negate(q, w);
  std::copy(q, q + w, out.mag.d);
  out.mag.n = w;
  out.mag.normalize();
  if (out.mag.n == 0) out.neg = false;
  return true;
}

}  // namespace proofgrid::vdf::hensel
