#include "engine/vdf/nudupl.hpp"

#include "engine/vdf/lehmer.hpp"

namespace proofgrid::vdf {

using limbs::Int;
using limbs::Nat;

SquaringContext::SquaringContext(const Mpz& discriminant) : d(discriminant) {
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

Form from_fast(const FastForm& f, const Mpz& d) {
  Form out;
  limbs::to_mpz(out.a, f.a);
  limbs::to_mpz(out.b, f.b);
  limbs::to_mpz(out.c, f.c);
  (void)d;
  return out;
}

namespace {

Int as_int(const Nat& x) { return Int{x, false}; }

// e = (b·u + c·y) / a, exact because (u, y) lies in Λ.
void lattice_e(Int& e, const FastForm& f, const Int& u, const Int& y) {
  Int bu, cy, num;
  limbs::mul(bu, f.b, u);
  limbs::mul(cy, as_int(f.c), y);
  limbs::add(num, bu, cy);
  Nat rem;
  limbs::divrem(e.mag, rem, num.mag, f.a);
  e.neg = num.neg && e.mag.n != 0;
}

// Q(u, y) = u² + y·e.
void lattice_q(Int& out, const Int& u, const Int& y, const Int& e) {
  Int uu, ye;
  limbs::mul(uu, u, u);
  limbs::mul(ye, y, e);
  limbs::add(out, uu, ye);
}

}  // namespace

bool nudupl(FastForm& f, const SquaringContext& ctx) {
  if (f.a.n > 17 || f.c.n > 33 || f.a.n == 0) return false;
  if (f.a.n == 1 && f.a.d[0] == 1) return true;  // the identity squares to itself
  // μ = c · b⁻¹ mod a, from the cofactor of b in gcd(a, |b|) = 1.
  lehmer::State g;
  lehmer::start(g, f.a, f.b.mag, f.b.neg);
  lehmer::run_full(g);
  if (g.r0().n != 1 || g.r0().d[0] != 1) return false;  // not a primitive form of a prime D
  Nat prod, quot, mu;
  limbs::mul(prod, f.c, g.t0);
  limbs::divrem(quot, mu, prod, f.a);
  if (g.t0_neg && mu.n != 0) limbs::sub(mu, f.a, mu);

  // Partial Euclid on (a, μ): the lattice vectors s0 = (u0, y0), s1 = (u1, y1).
  lehmer::State p;
  lehmer::start(p, f.a, mu, true);
  lehmer::run_partial(p, ctx.bound);
  const Int u0{p.r0(), false}, u1{p.r1(), false};
  const Int y0{p.t0, p.t0_neg && p.t0.n != 0}, y1{p.t1, !p.t0_neg && p.t1.n != 0};

  Int e0, e1;
  lattice_e(e0, f, u0, y0);
  lattice_e(e1, f, u1, y1);
  Int na, nc, nb, t;
  lattice_q(na, u0, y0, e0);
  lattice_q(nc, u1, y1, e1);
  // B = 2·u0·u1 + y0·e1 + y1·e0, oriented so that det(s0, s1) = +1.
  limbs::mul(nb, u0, u1);
  limbs::add(nb, nb, nb);
  limbs::mul(t, y0, e1);
  limbs::add(nb, nb, t);
  limbs::mul(t, y1, e0);
  limbs::add(nb, nb, t);
  if (p.steps % 2 == 0 && nb.mag.n != 0) nb.neg = !nb.neg;
  f.a = na.mag;
  f.b = nb;
  f.c = nc.mag;
  reduce_fast(f);
  return true;
}

}  // namespace proofgrid::vdf
