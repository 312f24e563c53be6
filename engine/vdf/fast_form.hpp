#pragma once
// The fast group law on fixed-size limbs: NUDUPL squaring and NUCOMP multiplication
// (Shanks; Jacobson–van der Poorten), both in one lattice formulation.
//
// The product of f1 = (a1, b1, c1) and f2 = (a2, b2, c2) (when gcd(a1, a2, (b1+b2)/2) = 1) is
// F(x, y) = f2(u, y)/a1 with u = a1·x − μ·y, where a2·μ ≡ (b2 − b1)/2 (mod a1): the form
// Q(u, y) = f2(u, y)/a1 restricted to the lattice Λ = span{(a1, 0), (μ, −1)}. The Euclidean
// algorithm on (a1, μ), stopped once the remainder is at most L ≈ sqrt(a1/a2)·|D/4|^(1/4),
// yields a basis (s0, s1) of Λ whose Q-values are near sqrt|D|, so the new form is reduced in
// one or two cheap steps. For a square (f1 = f2) this is NUDUPL with μ = c·b⁻¹ mod a. Any
// unimodular basis gives an equivalent form and the final exact reduction makes the result
// the canonical reduced form, bit-identical to the reference.
#include "engine/vdf/form.hpp"
#include "engine/vdf/limbs.hpp"

namespace proofgrid::vdf {

// A form in limbs; after every operation below it is reduced.
struct FastForm {
  limbs::Nat a;
  limbs::Int b;
  limbs::Nat c;
};

// Per-discriminant constants of the group law.
struct GroupContext {
  Mpz d;               // the discriminant (negative)
  limbs::Nat bound;    // L = floor(|D/4|^(1/4))
  explicit GroupContext(const Mpz& discriminant);
};

bool to_fast(FastForm& out, const Form& f);
Form from_fast(const FastForm& f);

// Squares f in place. Returns false, leaving f unchanged, when f lies outside the envelope
// the fixed buffers are sized for (a tiny a, as in the first ~10 squarings from the
// generator); the caller then uses the reference squaring.
bool nudupl(FastForm& f, const GroupContext& ctx);

// out = f1 · f2 (reduced); out may alias either input. Returns false, leaving out unchanged,
// in the rare cases it leaves to the reference composition (equal or inverse first
// coefficients, a large gcd(a1, a2)).
bool nucomp(FastForm& out, const FastForm& f1, const FastForm& f2, const GroupContext& ctx);

// Reduces an arbitrary positive definite form in place (exact, §4.1 semantics).
void reduce_fast(FastForm& f);

}  // namespace proofgrid::vdf
