#include "engine/vdf/group.hpp"

#include <algorithm>
#include <stdexcept>

namespace proofgrid::vdf {

Group::Group(const Mpz& discriminant) : ctx_(discriminant) {
  generator_ = from_form(generator_form(discriminant));
  identity_ = from_form(identity_form(discriminant));
}

FastForm Group::from_form(const Form& f) const {
  FastForm out;
  if (!to_fast(out, f)) throw std::range_error("form does not fit the fixed-size limbs");
  return out;
}

Form Group::to_form(const FastForm& f) const { return from_fast(f); }

void Group::square(FastForm& f) const {
  if (!nudupl(f, ctx_)) f = from_form(square_reference(to_form(f)));
}

void Group::multiply(FastForm& out, const FastForm& x, const FastForm& y) const {
  if (nucomp(out, x, y, ctx_)) return;
  if (equal(x, y)) {
    out = x;
    square(out);
    return;
  }
  out = from_form(compose_reference(to_form(x), to_form(y), ctx_.d));
}

void Group::square_n(FastForm& f, std::uint64_t n) const {
  for (std::uint64_t i = 0; i < n; ++i) square(f);
}

FastForm Group::pow(const FastForm& base, const Mpz& e) const {
  if (e.sign() < 0) throw std::invalid_argument("Group::pow: negative exponent");
  // Odd powers base^1, base^3, ..., base^15 for a sliding 4-bit window.
  FastForm odd[8];
  odd[0] = base;
  FastForm sq = base;
  square(sq);
  for (int i = 1; i < 8; ++i) multiply(odd[i], odd[i - 1], sq);
  FastForm acc = identity_;
  bool started = false;
  std::size_t i = e.bits();
  while (i-- > 0) {
    if (!mpz_tstbit(e, i)) {
      if (started) square(acc);
      continue;
    }
    // The longest window [j, i] of at most 4 bits ending in a set bit.
    std::size_t j = i >= 3 ? i - 3 : 0;
    while (!mpz_tstbit(e, j)) ++j;
    unsigned value = 0;
    for (std::size_t k = i + 1; k-- > j;) value = 2 * value + (mpz_tstbit(e, k) ? 1 : 0);
    if (started) {
      for (std::size_t k = j; k <= i; ++k) square(acc);
      multiply(acc, acc, odd[value / 2]);
    } else {
      acc = odd[value / 2];
      started = true;
    }
    i = j;
  }
  return acc;
}

FastForm Group::pow2(const FastForm& x, const Mpz& e1, const FastForm& y, const Mpz& e2) const {
  if (e1.sign() < 0 || e2.sign() < 0) throw std::invalid_argument("Group::pow2: negative exponent");
  FastForm xy;
  multiply(xy, x, y);
  FastForm acc = identity_;
  bool started = false;
  for (std::size_t i = std::max(e1.bits(), e2.bits()); i-- > 0;) {
    if (started) square(acc);
    const bool b1 = mpz_tstbit(e1, i) != 0, b2 = mpz_tstbit(e2, i) != 0;
    if (!b1 && !b2) continue;
    const FastForm& m = b1 && b2 ? xy : (b1 ? x : y);
    if (started) {
      multiply(acc, acc, m);
    } else {
      acc = m;
      started = true;
    }
  }
  return acc;
}

FastForm inverse(const FastForm& f) {
  FastForm g = f;
  if (g.b.mag.n != 0) g.b.neg = !g.b.neg;
  reduce_fast(g);  // only (a, −a, c) → (a, a, c) and a = c with b < 0 change
  return g;
}

bool equal(const FastForm& x, const FastForm& y) {
  return limbs::cmp(x.a, y.a) == 0 && x.b.neg == y.b.neg && limbs::cmp(x.b.mag, y.b.mag) == 0 &&
         limbs::cmp(x.c, y.c) == 0;
}

}  // namespace proofgrid::vdf
