// NUDUPL: the squaring (see fast_form.hpp for the lattice view shared with NUCOMP).
#include "engine/vdf/fast_form.hpp"
#include "engine/vdf/lattice.hpp"

namespace proofgrid::vdf {

using limbs::Int;
using limbs::Nat;

bool nudupl(FastForm& f, const GroupContext& ctx) {
  if (f.a.n > 17 || f.c.n > 33 || f.a.n == 0) return false;
  if (f.a.n == 1 && f.a.d[0] == 1) return true;  // the identity squares to itself
  // μ = c · b⁻¹ mod a, from the cofactor of b in gcd(a, |b|) = 1.
  lehmer::State g;
  lehmer::start(g, f.a, f.b.mag, f.b.neg);
  lehmer::run_full(g);
  if (g.r0().n != 1 || g.r0().d[0] != 1) return false;  // not primitive: not from a prime D
  Nat prod, quot, mu;
  limbs::mul(prod, f.c, g.t0);
  limbs::divrem(quot, mu, prod, f.a);
  if (g.t0_neg && mu.n != 0) limbs::sub(mu, f.a, mu);

  lehmer::State p;
  lehmer::start(p, f.a, mu, true);
  lehmer::run_partial(p, ctx.bound);
  const FastForm in = f;
  lattice::form_from_basis(f, p, {&in.a, &in.a, nullptr, &in.b, &in.c, true});
  reduce_fast(f);
  return true;
}

}  // namespace proofgrid::vdf
