#pragma once
// Montgomery arithmetic on fixed-size limbs, shared by Fp (10 limbs) and Fr (9 limbs).
// Every value is kept fully reduced in [0, m), so == compares field elements.
//
// Multiplication is CIOS with the "no final carry" shortcut: both moduli leave spare bits
// in the top limb (p: 5 of 64 bits used, r: 6), so the running sum never needs an extra word.
// Loops have compile-time bounds and are unrolled; the hot paths (MSM bucket additions) inline
// them.
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "engine/kzg/field_params.hpp"

// MULX/ADX kernels (mont_adx.cpp); used only when mont_dispatch.cpp found BMI2 and ADX.
extern "C" {
__attribute__((visibility("hidden"))) void proofgrid_fp_mul_adx(std::uint64_t* out, const std::uint64_t* a,
                                                                const std::uint64_t* b);
__attribute__((visibility("hidden"))) void proofgrid_fr_mul_adx(std::uint64_t* out, const std::uint64_t* a,
                                                                const std::uint64_t* b);
}

namespace proofgrid::kzg {

namespace mont_detail {
// True when the MULX/ADX kernels run (set once at start-up; tests and benchmarks flip it to
// compare both paths in one process).
extern bool g_use_adx;
}  // namespace mont_detail

// Whether this CPU can run the MULX/ADX kernels, and switching between them and the
// portable code (returns the previous setting). Not thread-safe: call before starting work.
bool mont_adx_available();
bool mont_use_adx(bool enable);

namespace mont_detail {

// out = t - m if t >= m, else t (branch-free: MSM timing should not depend on data).
template <std::size_t N>
[[gnu::always_inline]] inline void reduce_once(const std::uint64_t* t, const Limbs<N>& m,
                                               std::uint64_t* out) {
  std::uint64_t d[N];
  std::uint64_t borrow = 0;
#pragma GCC unroll 16
  for (std::size_t j = 0; j < N; ++j) {
    const u128 s = static_cast<u128>(t[j]) - m[j] - borrow;
    d[j] = static_cast<std::uint64_t>(s);
    borrow = static_cast<std::uint64_t>(s >> 64) & 1U;
  }
  const std::uint64_t keep_t = 0 - borrow;  // all ones when t < m
#pragma GCC unroll 16
  for (std::size_t j = 0; j < N; ++j) out[j] = (t[j] & keep_t) | (d[j] & ~keep_t);
}

}  // namespace mont_detail

template <MontField F>
constexpr F field_zero() {
  return F{};
}

template <MontField F>
constexpr F field_one() {
  F f;
  f.limb = FieldParams<F>::kOne;
  return f;
}

template <MontField F>
[[gnu::always_inline]] inline bool is_zero(const F& a) {
  return limbs_is_zero(a.limb);
}

template <MontField F>
[[gnu::always_inline]] inline F operator+(const F& a, const F& b) {
  constexpr std::size_t N = F::kLimbs;
  std::uint64_t t[N];
  std::uint64_t carry = 0;
#pragma GCC unroll 16
  for (std::size_t j = 0; j < N; ++j) {
    const u128 s = static_cast<u128>(a.limb[j]) + b.limb[j] + carry;
    t[j] = static_cast<std::uint64_t>(s);
    carry = static_cast<std::uint64_t>(s >> 64);
  }
  F out;
  mont_detail::reduce_once<N>(t, FieldParams<F>::kModulus, out.limb.data());
  return out;
}

template <MontField F>
[[gnu::always_inline]] inline F operator-(const F& a, const F& b) {
  constexpr std::size_t N = F::kLimbs;
  constexpr auto& m = FieldParams<F>::kModulus;
  F out;
  std::uint64_t borrow = 0;
#pragma GCC unroll 16
  for (std::size_t j = 0; j < N; ++j) {
    const u128 s = static_cast<u128>(a.limb[j]) - b.limb[j] - borrow;
    out.limb[j] = static_cast<std::uint64_t>(s);
    borrow = static_cast<std::uint64_t>(s >> 64) & 1U;
  }
  const std::uint64_t mask = 0 - borrow;  // add m back when a < b
  std::uint64_t carry = 0;
#pragma GCC unroll 16
  for (std::size_t j = 0; j < N; ++j) {
    const u128 s = static_cast<u128>(out.limb[j]) + (m[j] & mask) + carry;
    out.limb[j] = static_cast<std::uint64_t>(s);
    carry = static_cast<std::uint64_t>(s >> 64);
  }
  return out;
}

template <MontField F>
[[gnu::always_inline]] inline F operator-(const F& a) {
  return field_zero<F>() - a;
}

// Montgomery product a*b/R mod m (CIOS, interleaved multiply and reduce), portable C++.
template <MontField F>
[[gnu::always_inline]] inline F mont_mul_portable(const F& a, const F& b) {
  constexpr std::size_t N = F::kLimbs;
  constexpr auto& m = FieldParams<F>::kModulus;
  constexpr std::uint64_t inv = FieldParams<F>::kInv;
  std::uint64_t t[N] = {};
#pragma GCC unroll 16
  for (std::size_t i = 0; i < N; ++i) {
    const std::uint64_t bi = b.limb[i];
    u128 s = static_cast<u128>(a.limb[0]) * bi + t[0];
    std::uint64_t hi_a = static_cast<std::uint64_t>(s >> 64);
    const std::uint64_t t0 = static_cast<std::uint64_t>(s);
    const std::uint64_t q = t0 * inv;
    u128 c = static_cast<u128>(q) * m[0] + t0;
    std::uint64_t hi_c = static_cast<std::uint64_t>(c >> 64);
#pragma GCC unroll 16
    for (std::size_t j = 1; j < N; ++j) {
      s = static_cast<u128>(a.limb[j]) * bi + t[j] + hi_a;
      hi_a = static_cast<std::uint64_t>(s >> 64);
      c = static_cast<u128>(q) * m[j] + static_cast<std::uint64_t>(s) + hi_c;
      hi_c = static_cast<std::uint64_t>(c >> 64);
      t[j - 1] = static_cast<std::uint64_t>(c);
    }
    t[N - 1] = hi_c + hi_a;
  }
  F out;
  mont_detail::reduce_once<N>(t, m, out.limb.data());
  return out;
}

template <MontField F>
[[gnu::always_inline]] inline F operator*(const F& a, const F& b) {
  if (mont_detail::g_use_adx) {
    F out;
    if constexpr (std::is_same_v<F, Fp>) {
      proofgrid_fp_mul_adx(out.limb.data(), a.limb.data(), b.limb.data());
    } else {
      proofgrid_fr_mul_adx(out.limb.data(), a.limb.data(), b.limb.data());
    }
    return out;
  }
  return mont_mul_portable(a, b);
}

template <MontField F>
[[gnu::always_inline]] inline F& operator+=(F& a, const F& b) { return a = a + b; }
template <MontField F>
[[gnu::always_inline]] inline F& operator-=(F& a, const F& b) { return a = a - b; }
template <MontField F>
[[gnu::always_inline]] inline F& operator*=(F& a, const F& b) { return a = a * b; }

template <MontField F>
[[gnu::always_inline]] inline F square(const F& a) {
  return a * a;
}

template <MontField F>
[[gnu::always_inline]] inline F twice(const F& a) {
  return a + a;
}

// Canonical integer (must be < m) into Montgomery form: x*R^2/R.
template <MontField F>
inline F from_canonical(const Limbs<F::kLimbs>& x) {
  F a;
  a.limb = x;
  F r2;
  r2.limb = FieldParams<F>::kR2;
  return a * r2;
}

// Montgomery form back to the canonical integer: a*1/R.
template <MontField F>
inline Limbs<F::kLimbs> to_canonical(const F& a) {
  F one_raw{};
  one_raw.limb[0] = 1;
  return (a * one_raw).limb;
}

template <MontField F>
inline F from_u64(std::uint64_t v) {
  Limbs<F::kLimbs> x{};
  x[0] = v;
  return from_canonical<F>(x);
}

// a^e for a canonical exponent of any width (4-bit fixed window; not constant time).
template <MontField F, std::size_t E>
F pow(const F& a, const Limbs<E>& e) {
  F table[16];
  table[0] = field_one<F>();
  for (int k = 1; k < 16; ++k) table[k] = table[k - 1] * a;
  F acc = field_one<F>();
  const std::size_t bits = limbs_bit_length(e);
  const std::size_t windows = (bits + 3) / 4;
  for (std::size_t w = windows; w-- > 0;) {
    if (w + 1 != windows) {
      for (int k = 0; k < 4; ++k) acc = square(acc);
    }
    const std::size_t digit = (e[(4 * w) / 64] >> ((4 * w) % 64)) & 0xF;
    if (digit != 0) acc = acc * table[digit];
  }
  return acc;
}

}  // namespace proofgrid::kzg
