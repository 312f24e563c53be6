#pragma once
// The class group of one discriminant, as the VDF uses it: fast squaring and multiplication
// on FastForm (NUDUPL/NUCOMP) with the reference group law as the fallback for the rare
// inputs the fast paths leave to it. Every result is the canonical reduced form.
#include <cstdint>

#include "engine/vdf/fast_form.hpp"

namespace proofgrid::vdf {

class Group {
 public:
  explicit Group(const Mpz& discriminant);

  const Mpz& discriminant() const { return ctx_.d; }
  const FastForm& generator() const { return generator_; }
  const FastForm& identity() const { return identity_; }

  void square(FastForm& f) const;
  // out = x · y; out may alias x or y.
  void multiply(FastForm& out, const FastForm& x, const FastForm& y) const;
  // f^(2^n)
  void square_n(FastForm& f, std::uint64_t n) const;
  // base^e for e ≥ 0 (left-to-right, 4-bit windows).
  FastForm pow(const FastForm& base, const Mpz& e) const;
  // x^e1 · y^e2 (Shamir's simultaneous exponentiation), e1, e2 ≥ 0.
  FastForm pow2(const FastForm& x, const Mpz& e1, const FastForm& y, const Mpz& e2) const;

  // Conversions with the mpz representation (reduces nothing; the form must be reduced).
  FastForm from_form(const Form& f) const;
  Form to_form(const FastForm& f) const;

 private:
  GroupContext ctx_;
  FastForm generator_, identity_;
};

// (a, −b, c): the inverse class; stays reduced except for the boundary cases |b| = a or
// a = c, which are normalised.
FastForm inverse(const FastForm& f);
bool equal(const FastForm& x, const FastForm& y);

}  // namespace proofgrid::vdf
