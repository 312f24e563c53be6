#pragma once
// Jacobian-coordinate formulas for short Weierstrass curves with a = 0, shared by G1 (over Fp)
// and G2 (over Fp8): any point type with X, Y, Z and any affine type with x, y, infinity whose
// field offers +, -, *, ==, square, twice and is_zero.
namespace proofgrid::kzg::jacobian {

// dbl-2009-l: 2M + 5S.
template <class P>
P dbl(const P& p) {
  if (is_zero(p.Z) || is_zero(p.Y)) return P{};
  const auto a = square(p.X);
  const auto b = square(p.Y);
  const auto c = square(b);
  const auto d = twice(square(p.X + b) - a - c);
  const auto e = a + twice(a);
  const auto f = square(e);
  P r;
  r.X = f - twice(d);
  r.Y = e * (d - r.X) - twice(twice(twice(c)));
  r.Z = twice(p.Y * p.Z);
  return r;
}

// add-2007-bl: 11M + 5S; doubles when the points are equal.
template <class P>
P add(const P& p, const P& q) {
  if (is_zero(p.Z)) return q;
  if (is_zero(q.Z)) return p;
  const auto z1z1 = square(p.Z);
  const auto z2z2 = square(q.Z);
  const auto u1 = p.X * z2z2;
  const auto u2 = q.X * z1z1;
  const auto s1 = p.Y * q.Z * z2z2;
  const auto s2 = q.Y * p.Z * z1z1;
  const auto h = u2 - u1;
  const auto rr = twice(s2 - s1);
  if (is_zero(h)) return is_zero(rr) ? dbl(p) : P{};
  const auto i = square(twice(h));
  const auto j = h * i;
  const auto v = u1 * i;
  P r;
  r.X = square(rr) - j - twice(v);
  r.Y = rr * (v - r.X) - twice(s1 * j);
  r.Z = (square(p.Z + q.Z) - z1z1 - z2z2) * h;
  return r;
}

// madd-2007-bl (q affine): 7M + 4S.
template <class P, class A>
P add_mixed(const P& p, const A& q) {
  if (q.infinity) return p;
  if (is_zero(p.Z)) return to_jacobian(q);  // found by argument-dependent lookup
  const auto z1z1 = square(p.Z);
  const auto u2 = q.x * z1z1;
  const auto s2 = q.y * p.Z * z1z1;
  const auto h = u2 - p.X;
  const auto rr = twice(s2 - p.Y);
  if (is_zero(h)) return is_zero(rr) ? dbl(p) : P{};
  const auto hh = square(h);
  const auto i = twice(twice(hh));
  const auto j = h * i;
  const auto v = p.X * i;
  P r;
  r.X = square(rr) - j - twice(v);
  r.Y = rr * (v - r.X) - twice(p.Y * j);
  r.Z = square(p.Z + h) - z1z1 - hh;
  return r;
}

}  // namespace proofgrid::kzg::jacobian
