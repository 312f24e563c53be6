// Exact reduction of a form in limbs (spec §4.1). NUDUPL's output is almost reduced, so the
// loop below usually runs zero or one step; it is nevertheless exact for any input.
#include <utility>

#include "engine/vdf/fast_form.hpp"

namespace proofgrid::vdf {

using limbs::Int;
using limbs::Nat;

namespace {

// q = floor(n / d) for d > 0.
void floor_div(Int& q, const Int& n, const Nat& d) {
  Nat r;
  limbs::divrem(q.mag, r, n.mag, d);
  q.neg = n.neg && q.mag.n + r.n != 0;
  if (n.neg && r.n != 0) {
    Nat one;
    one.set_u64(1);
    limbs::add(q.mag, q.mag, one);
  }
  if (q.mag.n == 0) q.neg = false;
}

Int as_int(const Nat& x) { return Int{x, false}; }

// |x| ≤ 3·m, the range where the quotients below are ±1 (or 0).
bool within_three(const Nat& x, const Nat& m) {
  Nat three;
  limbs::add(three, m, m);
  limbs::add(three, three, m);
  return limbs::cmp(x, three) <= 0;
}

// (a, b, c) -> (a, b + 2ra, a r² + b r + c) with r = floor((a − b) / 2a).
void normalize(FastForm& f) {
  // −a < b ≤ a ?
  const int c = limbs::cmp(f.b.mag, f.a);
  if (c < 0 || (c == 0 && !f.b.neg)) return;
  // The usual case after NUDUPL/NUCOMP: a < |b| ≤ 3a (or b = −a), so r = ∓1 and
  // (b, c) -> (b ∓ 2a, c + a ∓ b): additions only.
  if (within_three(f.b.mag, f.a)) {
    const Int a{f.a, false};
    Int c2;
    if (f.b.neg) {  // r = 1
      limbs::add(c2, Int{f.c, false}, a);
      limbs::add(c2, c2, f.b);
      limbs::add(f.b, f.b, a);
      limbs::add(f.b, f.b, a);
    } else {  // r = −1
      limbs::add(c2, Int{f.c, false}, a);
      limbs::sub(c2, c2, f.b);
      limbs::sub(f.b, f.b, a);
      limbs::sub(f.b, f.b, a);
    }
    f.c = c2.mag;
    return;
  }
  Int r, t, u;
  Nat two_a;
  limbs::add(two_a, f.a, f.a);
  limbs::sub(t, as_int(f.a), f.b);
  floor_div(r, t, two_a);
  limbs::mul(t, r, as_int(f.a));  // a r
  limbs::add(t, t, f.b);          // a r + b
  limbs::mul(u, t, r);            // a r² + b r
  limbs::add(u, u, as_int(f.c));
  f.c = u.mag;
  limbs::mul(t, r, as_int(two_a));
  limbs::add(f.b, f.b, t);
}

}  // namespace

void reduce_fast(FastForm& f) {
  normalize(f);
  Int s, t, u, sc;
  Nat two_c;
  for (;;) {
    const int c = limbs::cmp(f.a, f.c);
    if (c < 0 || (c == 0 && !f.b.neg)) break;
    // s = floor((c + b) / 2c); (a, b, c) <- (c, 2sc − b, a + s(sc − b)). Usually
    // −c ≤ b < c, so s = 0 and the step is (a, b, c) <- (c, −b, a).
    if (limbs::cmp(f.b.mag, f.c) < 0 || (f.b.neg && limbs::cmp(f.b.mag, f.c) == 0)) {
      std::swap(f.a, f.c);
      if (f.b.mag.n != 0) f.b.neg = !f.b.neg;
      continue;
    }
    limbs::add(two_c, f.c, f.c);
    limbs::add(t, as_int(f.c), f.b);
    floor_div(s, t, two_c);
    limbs::mul(sc, s, as_int(f.c));  // s c
    limbs::sub(u, sc, f.b);          // s c − b
    limbs::mul(t, u, s);             // s(sc − b)
    limbs::add(t, t, as_int(f.a));   // new c
    limbs::add(u, u, sc);            // new b = 2sc − b
    f.a = f.c;
    f.b = u;
    f.c = t.mag;
  }
  normalize(f);
}

}  // namespace proofgrid::vdf
