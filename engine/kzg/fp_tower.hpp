#pragma once
// The extension tower of BLS48-581 up to Fp8, where G2 lives (spec §3.4):
//   Fp2 = Fp[i]/(i^2 + 1),  Fp4 = Fp2[v]/(v^2 + i + 1),  Fp8 = Fp4[w]/(w^2 + v).
// Each level is c0 + c1 t over the level below with t^2 = the level's non-residue; coefficient
// c_k of the spec multiplies i^(k mod 2) v^(floor(k/2) mod 2) w^(floor(k/4)).
#include <array>
#include <optional>

#include "engine/kzg/field.hpp"

namespace proofgrid::kzg {

template <class B>
struct Ext {
  B c0;
  B c1;
  friend bool operator==(const Ext&, const Ext&) = default;
};

using Fp2 = Ext<Fp>;
using Fp4 = Ext<Fp2>;
using Fp8 = Ext<Fp4>;

template <class B>
bool is_zero(const Ext<B>& a) {
  return is_zero(a.c0) && is_zero(a.c1);
}
template <class B>
Ext<B> operator+(const Ext<B>& a, const Ext<B>& b) {
  return {a.c0 + b.c0, a.c1 + b.c1};
}
template <class B>
Ext<B> operator-(const Ext<B>& a, const Ext<B>& b) {
  return {a.c0 - b.c0, a.c1 - b.c1};
}
template <class B>
Ext<B> operator-(const Ext<B>& a) {
  return {-a.c0, -a.c1};
}
// Multiplication by the non-residue t^2 of the level built on B (found by argument-dependent
// lookup from the templates here).
inline Fp mul_nr(const Fp& a) { return -a; }  // i^2 = -1
inline Fp2 mul_nr(const Fp2& a) {             // v^2 = -(1 + i): -(1+i)(a0 + a1 i)
  return Fp2{a.c1 - a.c0, -(a.c0 + a.c1)};
}
inline Fp4 mul_nr(const Fp4& a) {  // w^2 = -v: -v (a0 + a1 v) = -a1 v^2 - a0 v
  return Fp4{-mul_nr(a.c1), -a.c0};
}

// Karatsuba: three base multiplications.
template <class B>
Ext<B> operator*(const Ext<B>& a, const Ext<B>& b) {
  const B t0 = a.c0 * b.c0, t1 = a.c1 * b.c1;
  return {t0 + mul_nr(t1), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}
template <class B>
Ext<B> square(const Ext<B>& a) {
  return a * a;
}
template <class B>
Ext<B> twice(const Ext<B>& a) {
  return a + a;
}
template <class B>
Ext<B> scale(const Ext<B>& a, const B& s) {
  return {a.c0 * s, a.c1 * s};
}

// The norm down to B: a0^2 - t^2 a1^2.
template <class B>
B norm(const Ext<B>& a) {
  return square(a.c0) - mul_nr(square(a.c1));
}

Fp inverse(const Fp& a);
template <class B>
Ext<B> inverse(const Ext<B>& a) {
  const B n = inverse(norm(a));
  return {a.c0 * n, -(a.c1 * n)};
}

template <class F>
F tower_one();
template <>
inline Fp tower_one<Fp>() {
  return field_one<Fp>();
}
template <class F>
F tower_one() {
  return F{tower_one<decltype(F::c0)>(), {}};
}

// a is a square in the extension iff its norm is a square below.
inline bool is_square_tower(const Fp& a) { return is_square(a); }
template <class B>
bool is_square_tower(const Ext<B>& a) {
  return is_square_tower(norm(a));
}

inline std::optional<Fp> sqrt_tower(const Fp& a) { return sqrt(a); }
// Square root in a quadratic extension through the norm (two roots one level down).
template <class B>
std::optional<Ext<B>> sqrt_tower(const Ext<B>& a) {
  const B two = tower_one<B>() + tower_one<B>();
  const B half = inverse(two);
  if (is_zero(a.c1)) {
    if (auto r = sqrt_tower(a.c0)) return Ext<B>{*r, B{}};
    // a0 is a non-square below, so a0 / t^2 is a square: (x t)^2 = x^2 t^2.
    const B t2 = mul_nr(tower_one<B>());
    if (auto r = sqrt_tower(a.c0 * inverse(t2))) return Ext<B>{B{}, *r};
    return std::nullopt;
  }
  const auto s = sqrt_tower(norm(a));
  if (!s) return std::nullopt;
  B x0sq = (a.c0 + *s) * half;
  auto x0 = sqrt_tower(x0sq);
  if (!x0) {
    x0sq = (a.c0 - *s) * half;
    x0 = sqrt_tower(x0sq);
    if (!x0) return std::nullopt;
  }
  const B x1 = a.c1 * inverse(twice(*x0));
  return Ext<B>{*x0, x1};
}

// The eight Fp coefficients c0 .. c7 of an Fp8 element (spec §3.4 order) and back.
std::array<Fp, 8> coefficients(const Fp8& a);
Fp8 from_coefficients(const std::array<Fp, 8>& c);

}  // namespace proofgrid::kzg
