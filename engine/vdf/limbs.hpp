#pragma once
// Fixed-capacity, allocation-free multi-precision integers for the VDF hot loop.
//
// Nat is a little-endian array of 64-bit limbs with an explicit length (no leading zero limbs);
// Int adds a sign. Capacity is fixed at compile time: the squaring of a 2048-bit class group
// never needs more than 36 limbs, and the callers check sizes before they could overflow (they
// fall back to the mpz reference instead). Everything is inline so that the compiler can keep
// lengths in registers; the heavy lifting is GMP's mpn layer or the loops below.
#include <gmp.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "engine/vdf/mpz.hpp"

namespace proofgrid::vdf::limbs {

using limb = mp_limb_t;
__extension__ typedef unsigned __int128 u128;
static_assert(sizeof(limb) == 8, "64-bit limbs required");

inline constexpr int kCap = 40;

struct Nat {
  int n = 0;
  limb d[kCap];

  bool zero() const { return n == 0; }
  void normalize() {
    while (n > 0 && d[n - 1] == 0) --n;
  }
  void set_u64(limb v) {
    d[0] = v;
    n = v != 0;
  }
  std::size_t bits() const {
    return n == 0 ? 0 : 64 * static_cast<std::size_t>(n) - static_cast<std::size_t>(__builtin_clzll(d[n - 1]));
  }
};

struct Int {
  Nat mag;
  bool neg = false;
  bool zero() const { return mag.n == 0; }
  int sign() const { return mag.n == 0 ? 0 : (neg ? -1 : 1); }
};

inline int cmp(const Nat& x, const Nat& y) {
  if (x.n != y.n) return x.n < y.n ? -1 : 1;
  return mpn_cmp(x.d, y.d, x.n);
}

inline void copy(Nat& r, const Nat& x) {
  r.n = x.n;
  std::memcpy(r.d, x.d, sizeof(limb) * static_cast<std::size_t>(x.n));
}

// r = x + y (r may alias x or y).
inline void add(Nat& r, const Nat& x, const Nat& y) {
  const Nat& big = x.n >= y.n ? x : y;
  const Nat& small = x.n >= y.n ? y : x;
  if (small.n == 0) {
    if (&r != &big) copy(r, big);
    return;
  }
  const limb carry = mpn_add(r.d, big.d, big.n, small.d, small.n);
  r.n = big.n;
  if (carry) r.d[r.n++] = carry;
}

// r = x − y, requires x ≥ y.
inline void sub(Nat& r, const Nat& x, const Nat& y) {
  if (y.n == 0) {
    if (&r != &x) copy(r, x);
    return;
  }
  mpn_sub(r.d, x.d, x.n, y.d, y.n);
  r.n = x.n;
  r.normalize();
}

// r = x · y (r must not alias x or y).
inline void mul(Nat& r, const Nat& x, const Nat& y) {
  if (x.n == 0 || y.n == 0) {
    r.n = 0;
    return;
  }
  if (x.n >= y.n)
    mpn_mul(r.d, x.d, x.n, y.d, y.n);
  else
    mpn_mul(r.d, y.d, y.n, x.d, x.n);
  r.n = x.n + y.n;
  r.normalize();
}

inline void sqr(Nat& r, const Nat& x) {
  if (x.n == 0) {
    r.n = 0;
    return;
  }
  mpn_sqr(r.d, x.d, x.n);
  r.n = 2 * x.n;
  r.normalize();
}

// r = x · m for a single limb m (r may alias x).
inline void mul_1(Nat& r, const Nat& x, limb m) {
  if (x.n == 0 || m == 0) {
    r.n = 0;
    return;
  }
  const limb carry = mpn_mul_1(r.d, x.d, x.n, m);
  r.n = x.n;
  if (carry) r.d[r.n++] = carry;
}

// q = floor(x / y), r = x mod y; y ≠ 0; q and r must not alias the inputs.
inline void divrem(Nat& q, Nat& r, const Nat& x, const Nat& y) {
  if (x.n < y.n) {
    q.n = 0;
    copy(r, x);
    return;
  }
  mpn_tdiv_qr(q.d, r.d, 0, x.d, x.n, y.d, y.n);
  q.n = x.n - y.n + 1;
  q.normalize();
  r.n = y.n;
  r.normalize();
}

// Signed arithmetic on Int.
inline void add(Int& r, const Int& x, const Int& y) {
  if (x.neg == y.neg) {
    add(r.mag, x.mag, y.mag);
    r.neg = x.neg;
  } else if (cmp(x.mag, y.mag) >= 0) {
    sub(r.mag, x.mag, y.mag);
    r.neg = x.neg;
  } else {
    sub(r.mag, y.mag, x.mag);
    r.neg = y.neg;
  }
  if (r.mag.n == 0) r.neg = false;
}

inline void sub(Int& r, const Int& x, const Int& y) {
  Int ny = y;
  ny.neg = !y.neg && y.mag.n != 0;
  add(r, x, ny);
}

inline void mul(Int& r, const Int& x, const Int& y) {
  mul(r.mag, x.mag, y.mag);
  r.neg = r.mag.n != 0 && (x.neg != y.neg);
}

// Conversions for the cold paths and tests.
inline void to_mpz(Mpz& out, const Nat& x) {
  if (x.n == 0) {
    mpz_set_ui(out, 0);
    return;
  }
  mpz_import(out, static_cast<std::size_t>(x.n), -1, sizeof(limb), 0, 0, x.d);
}
inline void to_mpz(Mpz& out, const Int& x) {
  to_mpz(out, x.mag);
  if (x.neg) mpz_neg(out, out);
}
// Returns false if |v| does not fit in the capacity.
inline bool from_mpz(Nat& out, mpz_srcptr v) {
  const std::size_t n = mpz_size(v);
  if (n > static_cast<std::size_t>(kCap)) return false;
  for (std::size_t i = 0; i < n; ++i) out.d[i] = mpz_getlimbn(v, static_cast<mp_size_t>(i));
  out.n = static_cast<int>(n);
  return true;
}
inline bool from_mpz(Int& out, mpz_srcptr v) {
  out.neg = mpz_sgn(v) < 0;
  return from_mpz(out.mag, v);
}

}  // namespace proofgrid::vdf::limbs
