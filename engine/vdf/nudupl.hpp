#pragma once
// The fast squaring: NUDUPL (Shanks; Jacobson–van der Poorten) on fixed-size limbs.
//
// For a reduced (a, b, c) with gcd(a, b) = 1, the square is the form Q(u, y) = u² + y(bu + cy)/a
// restricted to the lattice Λ = {(u, y) : bu + cy ≡ 0 (mod a)} = span{(a, 0), (μ, −1)},
// μ = c·b⁻¹ mod a. The Euclidean algorithm on (a, μ), stopped once the remainder is at most
// L = |D/4|^(1/4), yields a basis (s0, s1) of Λ with both entries of each vector near |D|^(1/4),
// so the new coefficients Q(s0), Q(s1) are near sqrt|D| and the result is reduced in one or two
// cheap steps. Any unimodular basis gives an equivalent form, and the final exact reduction
// makes the output the canonical reduced form, bit-identical to the reference.
#include "engine/vdf/form.hpp"
#include "engine/vdf/limbs.hpp"

namespace proofgrid::vdf {

// A form in limbs; after every operation below it is reduced.
struct FastForm {
  limbs::Nat a;
  limbs::Int b;
  limbs::Nat c;
};

// Per-discriminant constants of the squaring.
struct SquaringContext {
  Mpz d;               // the discriminant (negative)
  limbs::Nat bound;    // L = floor(|D/4|^(1/4))
  explicit SquaringContext(const Mpz& discriminant);
};

bool to_fast(FastForm& out, const Form& f);
Form from_fast(const FastForm& f, const Mpz& d);

// Squares f in place. Returns false, leaving f unchanged, when f lies outside the envelope
// the fixed buffers are sized for (a tiny a, as in the first ~10 squarings from the
// generator); the caller then uses the reference squaring.
bool nudupl(FastForm& f, const SquaringContext& ctx);

// Reduces an arbitrary positive definite form in place (exact, §4.1 semantics).
void reduce_fast(FastForm& f);

}  // namespace proofgrid::vdf
