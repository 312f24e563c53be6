#pragma once
// Lehmer's extended Euclid on fixed-size limbs: the two gcds of every NUDUPL squaring.
//
// Both run the Euclidean remainder sequence R0 > R1 of two multi-precision numbers while a
// cofactor T_i follows each remainder (R_i ≡ T_i · B (mod A)). Most quotients are found on the
// leading 64 bits alone (Jebelean's conditions make every quotient taken exact), collected
// into a 2×2 matrix with 32-bit entries, and applied to the full numbers once per ~31 bits of
// progress. Exact quotients keep R_i ≥ 0 and the cofactors alternating in sign, so only their
// magnitudes and the sign of T0 are stored.
#include <cstdint>

#include "engine/vdf/limbs.hpp"

namespace proofgrid::vdf::lehmer {

// One pair of consecutive remainders with their cofactors; T1 has the opposite sign of T0.
struct State {
  limbs::Nat r[2];    // r0() > r1() ≥ 0 while running; which buffer holds r0 alternates
  limbs::Nat t0, t1;  // cofactor magnitudes
  int top = 0;
  bool t0_neg = false;
  std::uint32_t steps = 0;  // Euclidean steps taken; the orientation of the pair flips with each

  limbs::Nat& r0() { return r[top]; }
  limbs::Nat& r1() { return r[top ^ 1]; }
  const limbs::Nat& r0() const { return r[top]; }
  const limbs::Nat& r1() const { return r[top ^ 1]; }
};

// Starts the sequence at (A, B) with cofactors (0, t1_sign·1), A > B ≥ 0.
void start(State& s, const limbs::Nat& a, const limbs::Nat& b, bool t1_neg);

// Runs to the end: r0 = gcd(A, B), r1 = 0, and r0 ≡ ±t0·B (mod A), sign from t0_neg.
void run_full(State& s);

// Runs while r0 > bound (the NUDUPL stop |D/4|^(1/4)), so that afterwards r0 ≤ bound < the
// remainder before it (or r1 = 0). Stops early only where no quotient can be certain, which
// leaves a valid, slightly less reduced pair.
void run_partial(State& s, const limbs::Nat& bound);

// The single-word core: Euclid on the leading words x ≥ y of two numbers (both truncated at the
// same bit), taking only steps whose quotient equals the full numbers' quotient, and, when
// `stop` is non-zero, only while the larger remainder stays certainly above stop.
struct Matrix {
  std::uint64_t s0, t0, s1, t1;  // |coefficients| of r_{k-1} and r_k in terms of (x, y)
  std::uint32_t steps;           // k
};
Matrix inner(std::uint64_t x, std::uint64_t y, std::uint64_t stop);

}  // namespace proofgrid::vdf::lehmer
