#pragma once
// Exact division by 2-adic (Hensel) arithmetic: when a quotient is known to be exact and
// small, only the low limbs of the dividend matter, and the division becomes a short product
// with the inverse of the divisor modulo 2^(64·w). NUDUPL/NUCOMP divide ~1536-bit numerators
// by ~1024-bit coefficients to get ~512-bit quotients; this replaces a schoolbook division and
// two full products with three short ones.
#include <cstdint>

#include "engine/vdf/limbs.hpp"

namespace proofgrid::vdf::hensel {

// m = odd · 2^shift, with odd's low limb inverted modulo 2^64.
struct Divisor {
  limbs::Nat odd;
  unsigned shift = 0;
  std::uint64_t inv0 = 0;
  std::size_t bits = 0;  // of m
  explicit Divisor(const limbs::Nat& m);
};

// out = (α·u + β·y) / m, for a quotient known to be exact. Returns false (out untouched)
// when the quotient could exceed the short-product sizes; the caller then divides in full.
bool linear(limbs::Int& out, const limbs::Int& alpha, const limbs::Int& u, const limbs::Int& beta,
            const limbs::Int& y, const Divisor& m);

}  // namespace proofgrid::vdf::hensel
