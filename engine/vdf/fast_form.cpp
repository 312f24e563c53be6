#include "engine/vdf/fast_form.hpp"

#include "engine/vdf/hensel.hpp"
#include "engine/vdf/lattice.hpp"

namespace proofgrid::vdf {

using limbs::Int;
using limbs::Nat;

GroupContext::GroupContext(const Mpz& discriminant) : d(discriminant) {
  Mpz l;
  mpz_neg(l, d);
  mpz_fdiv_q_2exp(l, l, 2);
  mpz_root(l, l, 4);
  limbs::from_mpz(bound, l);
}

bool to_fast(FastForm& out, const Form& f) {
  return limbs::from_mpz(out.a, f.a) && limbs::from_mpz(out.b, f.b) &&
         limbs::from_mpz(out.c, f.c);
}

Form from_fast(const FastForm& f) {
  Form out;
  limbs::to_mpz(out.a, f.a);
  limbs::to_mpz(out.b, f.b);
  limbs::to_mpz(out.c, f.c);
  return out;
}

namespace lattice {
namespace {

// x / m for an exact multiple x of m.
void div_exact(Int& out, const Int& x, const Nat& m) {
  Nat rem;
  limbs::divrem(out.mag, rem, x.mag, m);
  out.neg = x.neg && out.mag.n != 0;
}

// (α·u + β·y) / m, exact: by Hensel division when the quotient is short (always, for forms
// near reduced), else by a full division.
void linear(Int& out, const Int& alpha, const Int& u, const Int& beta, const Int& y,
            const hensel::Divisor& hm, const Nat& m) {
  if (hensel::linear(out, alpha, u, beta, y, hm)) return;
  Int t0, t1, sum;
  limbs::mul(t0, alpha, u);
  limbs::mul(t1, beta, y);
  limbs::add(sum, t0, t1);
  div_exact(out, sum, m);
}

// out = x0·y0 + x1·y1
void dot(Int& out, const Int& x0, const Int& y0, const Int& x1, const Int& y1) {
  Int t;
  limbs::mul(out, x0, y0);
  limbs::mul(t, x1, y1);
  limbs::add(out, out, t);
}

}  // namespace

void form_from_basis(FastForm& out, const lehmer::State& st, const Quadratic& q) {
  const Int u0{st.r0(), false}, u1{st.r1(), false};
  const Int y0{st.t0, st.t0_neg && st.t0.n != 0}, y1{st.t1, !st.t0_neg && st.t1.n != 0};
  const Int k{*q.k, false};
  const hensel::Divisor hm(*q.m);
  Int e0, e1, g0, g1;
  if (q.square) {
    e0 = u0;
    e1 = u1;
  } else {
    const Int p{*q.p, false};
    linear(e0, p, u0, *q.h, y0, hm, *q.m);
    linear(e1, p, u1, *q.h, y1, hm, *q.m);
  }
  linear(g0, *q.s, u0, k, y0, hm, *q.m);
  linear(g1, *q.s, u1, k, y1, hm, *q.m);
  // A = Q(s0), C = Q(s1), B = the polar form Q(s0 + s1) − Q(s0) − Q(s1).
  Int a, b, c, t;
  dot(a, u0, e0, y0, g0);
  dot(c, u1, e1, y1, g1);
  dot(b, u0, e1, u1, e0);
  dot(t, y0, g1, y1, g0);
  limbs::add(b, b, t);
  // det(s0, s1) = (−1)^(steps+1): flip B for an even number of steps.
  if (st.steps % 2 == 0 && b.mag.n != 0) b.neg = !b.neg;
  out.a = a.mag;
  out.b = b;
  out.c = c.mag;
}

}  // namespace lattice
}  // namespace proofgrid::vdf
