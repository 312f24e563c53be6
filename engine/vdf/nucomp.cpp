// NUCOMP: the product of two forms (see fast_form.hpp for the lattice view).
#include <cmath>

#include "engine/vdf/fast_form.hpp"
#include "engine/vdf/lattice.hpp"

namespace proofgrid::vdf {

using limbs::Int;
using limbs::limb;
using limbs::Nat;

namespace {

// x / 2 for an even x.
void halve(Int& x) {
  if (x.mag.n == 0) return;
  mpn_rshift(x.mag.d, x.mag.d, x.mag.n, 1);
  x.mag.normalize();
  if (x.mag.n == 0) x.neg = false;
}

// x mod m in [0, m).
void mod(Nat& out, const Int& x, const Nat& m) {
  Nat q;
  limbs::divrem(q, out, x.mag, m);
  if (x.neg && out.n != 0) limbs::sub(out, m, out);
}

// Extended gcd of single words: x·a + y·b = g.
void xgcd_word(std::uint64_t a, std::uint64_t b, std::uint64_t& g, std::int64_t& x, std::int64_t& y) {
  std::int64_t x0 = 1, y0 = 0, x1 = 0, y1 = 1;
  while (b != 0) {
    const std::uint64_t q = a / b, r = a % b;
    const std::int64_t qs = static_cast<std::int64_t>(q);
    const std::int64_t x2 = x0 - qs * x1, y2 = y0 - qs * y1;
    a = b;
    b = r;
    x0 = x1;
    y0 = y1;
    x1 = x2;
    y1 = y2;
  }
  g = a;
  x = x0;
  y = y0;
}

Int small_int(std::int64_t v) {
  Int out;
  out.neg = v < 0;
  out.mag.set_u64(v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v));
  return out;
}

// log2 of a non-zero x from its two leading limbs: this only places the Euclid's stop.
double log2_of(const Nat& x) {
  double lead = 0;
  const int lo = x.n > 2 ? x.n - 2 : 0;
  for (int i = x.n - 1; i >= lo; --i) lead = lead * 0x1p64 + static_cast<double>(x.d[i]);
  return std::log2(lead) + 64.0 * lo;
}

// 2^e as an approximate Nat (e ≥ 0).
void pow2_nat(Nat& out, double e) {
  const double whole = std::floor(e);
  const auto mant = static_cast<std::uint64_t>(std::exp2(e - whole + 62));  // in [2^62, 2^63)
  const auto shift = static_cast<std::int64_t>(whole) - 62;
  out.set_u64(mant);
  if (shift > 0) {
    const int limbs_shift = static_cast<int>(shift / 64);
    const auto bit_shift = static_cast<unsigned>(shift % 64);
    for (int i = 0; i < limbs_shift; ++i) out.d[i] = 0;
    out.d[limbs_shift] = mant;
    out.n = limbs_shift + 1;
    if (bit_shift != 0) {
      out.d[out.n] = mpn_lshift(out.d + limbs_shift, out.d + limbs_shift, 1, bit_shift);
      ++out.n;
      out.normalize();
    }
  } else if (shift < 0) {
    out.set_u64(mant >> static_cast<unsigned>(-shift));
  }
}

}  // namespace

bool nucomp(FastForm& out, const FastForm& x, const FastForm& y, const GroupContext& ctx) {
  const int order = limbs::cmp(x.a, y.a);
  if (order == 0 || x.a.n > 17 || y.a.n > 17 || x.c.n > 33 || y.c.n > 33) return false;
  const FastForm& f1 = order > 0 ? x : y;  // a1 > a2
  const FastForm& f2 = order > 0 ? y : x;
  Int s, h;
  limbs::add(s, f1.b, f2.b);
  halve(s);  // b1 ≡ b2 (mod 2)
  limbs::sub(h, f2.b, f1.b);
  halve(h);

  // u·a2 ≡ d (mod a1) with d = gcd(a1, a2).
  lehmer::State g;
  lehmer::start(g, f1.a, f2.a, false);
  lehmer::run_full(g);
  const Nat& d = g.r0();
  const Int u{g.t0, g.t0_neg && g.t0.n != 0};
  Nat a1, a2, c2, mu;
  Int num;
  if (d.n == 1 && d.d[0] == 1) {
    // a2·μ ≡ h (mod a1): μ = u·h.
    limbs::copy(a1, f1.a);
    limbs::copy(a2, f2.a);
    limbs::copy(c2, f2.c);
    limbs::mul(num, u, h);
    mod(mu, num, a1);
  } else if (d.n == 1) {
    // Cohen, Alg. 5.4.7: x2·s + y2·d = w = gcd(s, d); μ = u·y2·h + x2·c2 (mod a1/w), and
    // the product's first coefficient is a1·a2/w².
    const limb dd = d.d[0];
    limb s_mod = s.mag.n == 0 ? 0 : mpn_mod_1(s.mag.d, s.mag.n, dd);
    if (s.neg && s_mod != 0) s_mod = dd - s_mod;
    std::uint64_t w = 0;
    std::int64_t x2 = 0, y2s = 0;
    xgcd_word(s_mod, dd, w, x2, y2s);
    // y2 = (w − x2·s)/d, exact.
    Int y2, t;
    limbs::mul(t, small_int(x2), s);
    limbs::sub(y2, small_int(static_cast<std::int64_t>(w)), t);
    if (y2.mag.n != 0) mpn_divexact_1(y2.mag.d, y2.mag.d, y2.mag.n, dd);
    y2.mag.normalize();
    if (y2.mag.n == 0) y2.neg = false;
    a1 = f1.a;
    a2 = f2.a;
    if (w != 1) {
      mpn_divexact_1(a1.d, a1.d, a1.n, w);
      a1.normalize();
      mpn_divexact_1(a2.d, a2.d, a2.n, w);
      a2.normalize();
    }
    limbs::mul_1(c2, f2.c, w);
    Nat part;
    limbs::mul(num, y2, h);
    mod(part, num, a1);
    limbs::mul(num, u, Int{part, false});
    limbs::mul(t, small_int(x2), Int{f2.c, false});
    limbs::add(num, num, t);
    mod(mu, num, a1);
  } else {
    return false;
  }
  // Stop the Euclid near sqrt(a1/a2)·|D/4|^(1/4).
  Nat bound;
  pow2_nat(bound, log2_of(ctx.bound) + (log2_of(a1) - log2_of(a2)) / 2);
  lehmer::State p;
  lehmer::start(p, a1, mu, true);
  lehmer::run_partial(p, bound);
  lattice::form_from_basis(out, p, {&a1, &a2, &h, &s, &c2, false});
  reduce_fast(out);
  return true;
}

}  // namespace proofgrid::vdf
