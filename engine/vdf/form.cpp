#include "engine/vdf/form.hpp"

#include <stdexcept>

namespace proofgrid::vdf {

Form form_from_ab(const Mpz& a, const Mpz& b, const Mpz& d) {
  Form f{a, b, Mpz()};
  mpz_mul(f.c, b, b);
  mpz_sub(f.c, f.c, d);
  mpz_tdiv_q(f.c, f.c, a);
  mpz_tdiv_q_2exp(f.c, f.c, 2);
  return f;
}

Form generator_form(const Mpz& d) { return form_from_ab(Mpz(2), Mpz(1), d); }
Form identity_form(const Mpz& d) { return form_from_ab(Mpz(1), Mpz(1), d); }

Form inverse(const Form& f) {
  Form g = f;
  mpz_neg(g.b, g.b);
  normalize(g);
  return g;
}

void normalize(Form& f) {
  // −a < b ≤ a already?
  Mpz neg_a;
  mpz_neg(neg_a, f.a);
  if (mpz_cmp(f.b, neg_a) > 0 && mpz_cmp(f.b, f.a) <= 0) return;
  // r = floor((a − b) / 2a); b += 2ra; c = a r² + b r + c (with the old b).
  Mpz r, t, two_a;
  mpz_mul_2exp(two_a, f.a, 1);
  mpz_sub(r, f.a, f.b);
  mpz_fdiv_q(r, r, two_a);
  mpz_mul(t, f.a, r);   // a r
  mpz_add(t, t, f.b);   // a r + b
  mpz_mul(t, t, r);     // a r² + b r
  mpz_add(f.c, f.c, t);
  mpz_addmul(f.b, two_a, r);
}

void reduce(Form& f) {
  normalize(f);
  Mpz s, t, two_c;
  for (;;) {
    const int cmp = mpz_cmp(f.a, f.c);
    if (cmp < 0 || (cmp == 0 && f.b.sign() >= 0)) break;
    // s = floor((c + b) / 2c); (a, b, c) <- (c, −b + 2sc, c s² − b s + a)
    mpz_mul_2exp(two_c, f.c, 1);
    mpz_add(s, f.c, f.b);
    mpz_fdiv_q(s, s, two_c);
    mpz_mul(t, f.c, s);   // c s
    mpz_sub(t, t, f.b);   // c s − b
    mpz_mul(t, t, s);     // c s² − b s
    mpz_add(t, t, f.a);   // new c
    mpz_neg(f.b, f.b);
    mpz_addmul(f.b, two_c, s);
    mpz_swap(f.a, f.c);   // a <- old c
    mpz_swap(f.c, t);
  }
  normalize(f);
}

bool is_reduced(const Form& f) {
  Mpz neg_a;
  mpz_neg(neg_a, f.a);
  if (f.a.sign() <= 0 || mpz_cmp(f.b, neg_a) <= 0 || mpz_cmp(f.b, f.a) > 0) return false;
  const int cmp = mpz_cmp(f.a, f.c);
  return cmp < 0 || (cmp == 0 && f.b.sign() >= 0);
}

Form square_reference(const Form& f) {
  // μ = c · b⁻¹ (mod a)
  Mpz mu, t;
  if (mpz_invert(mu, f.b, f.a) == 0 && mpz_cmp_ui(f.a.get(), 1) != 0)
    throw std::logic_error("square_reference: b is not invertible modulo a");
  mpz_mul(mu, mu, f.c);
  mpz_tdiv_r(mu, mu, f.a);
  Form r;
  mpz_mul(r.a, f.a, f.a);                 // A = a²
  mpz_mul(t, f.a, mu);
  mpz_mul_2exp(t, t, 1);
  mpz_sub(r.b, f.b, t);                   // B = b − 2aμ
  mpz_mul(t, f.b, mu);
  mpz_sub(t, t, f.c);
  mpz_divexact(t, t, f.a);                // (bμ − c)/a
  mpz_mul(r.c, mu, mu);
  mpz_sub(r.c, r.c, t);                   // C = μ² − (bμ − c)/a
  reduce(r);
  return r;
}

Form compose_reference(const Form& f1_in, const Form& f2_in, const Mpz& d) {
  // Cohen, Algorithm 5.4.7. Step 1: order so that a1 ≤ a2.
  const bool swap = mpz_cmp(f1_in.a, f2_in.a) > 0;
  const Form& f1 = swap ? f2_in : f1_in;
  const Form& f2 = swap ? f1_in : f2_in;
  Mpz s, n, y1, dd, u, x2, y2, d1;
  mpz_add(s, f1.b, f2.b);
  mpz_fdiv_q_2exp(s, s, 1);  // b1 ≡ b2 (mod 2), exact
  mpz_sub(n, f2.b, s);
  // Step 2: u·a2 + v·a1 = d = gcd(a2, a1).
  if (mpz_divisible_p(f2.a, f1.a)) {
    mpz_set_ui(y1, 0);
    mpz_set(dd, f1.a);
  } else {
    mpz_gcdext(dd, u, nullptr, f2.a, f1.a);
    mpz_set(y1, u);
  }
  // Step 3: x2·s + y2·d = d1 = gcd(s, d), then y2 = −y2.
  if (mpz_divisible_p(s, dd)) {
    mpz_set_si(y2, -1);
    mpz_set_ui(x2, 0);
    mpz_set(d1, dd);
  } else {
    mpz_gcdext(d1, x2, y2, s, dd);
    mpz_neg(y2, y2);
  }
  // Step 4: compose.
  Mpz v1, v2, r, t;
  mpz_divexact(v1, f1.a, d1);
  mpz_divexact(v2, f2.a, d1);
  mpz_mul(r, y1, y2);
  mpz_mul(r, r, n);
  mpz_mul(t, x2, f2.c);
  mpz_sub(r, r, t);
  mpz_fdiv_r(r, r, v1);
  Form out;
  mpz_mul(out.a, v1, v2);
  mpz_mul(t, v2, r);
  mpz_mul_2exp(t, t, 1);
  mpz_add(out.b, f2.b, t);
  // c3 = (b3² − D) / (4 a3)
  mpz_mul(out.c, out.b, out.b);
  mpz_sub(out.c, out.c, d);
  mpz_mul_2exp(t, out.a, 2);
  mpz_divexact(out.c, out.c, t);
  reduce(out);
  return out;
}

Form pow_reference(const Form& f, const Mpz& e, const Mpz& d) {
  if (e.sign() < 0) throw std::invalid_argument("pow_reference: negative exponent");
  Form r = identity_form(d);
  for (std::size_t i = e.bits(); i-- > 0;) {
    r = compose_reference(r, r, d);
    if (mpz_tstbit(e, i)) r = compose_reference(r, f, d);
  }
  return r;
}

}  // namespace proofgrid::vdf
