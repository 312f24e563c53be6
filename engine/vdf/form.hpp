#pragma once
// Binary quadratic forms (a, b, c) with b² − 4ac = D < 0 and the plain group law on GMP mpz
// (spec §4). This is the reference every fast path is tested against: each function follows
// the spec's formulas literally and favours being obviously right over speed.
#include "engine/vdf/mpz.hpp"

namespace proofgrid::vdf {

struct Form {
  Mpz a, b, c;
  friend bool operator==(const Form& x, const Form& y) {
    return x.a == y.a && x.b == y.b && x.c == y.c;
  }
};

// x = (2, 1, (1 − D)/8), the VDF's fixed base; D ≡ 1 (mod 8).
Form generator_form(const Mpz& d);
// e = (1, 1, (1 − D)/4).
Form identity_form(const Mpz& d);
// (a, b) with c = (b² − D)/(4a); the caller guarantees a > 0 and exactness.
Form form_from_ab(const Mpz& a, const Mpz& b, const Mpz& d);
// The inverse class: (a, −b, c), normalised.
Form inverse(const Form& f);

// §4.1, literally: after normalize −a < b ≤ a; after reduce the form is the unique reduced
// representative of its class.
void normalize(Form& f);
void reduce(Form& f);
bool is_reduced(const Form& f);

// §4.2: square via μ = c·b⁻¹ mod a, then reduce. Needs gcd(a, b) = 1 (true for reduced forms
// of a prime discriminant).
Form square_reference(const Form& f);
// §4.3 via Cohen Alg. 5.4.7, then reduce. Works for any two forms of the same discriminant.
Form compose_reference(const Form& f, const Form& g, const Mpz& d);
// §4.4: left-to-right square-and-multiply; e ≥ 0.
Form pow_reference(const Form& f, const Mpz& e, const Mpz& d);

}  // namespace proofgrid::vdf
