#include "tests/unit/opencl/form_oracle.hpp"

#include <stdexcept>

namespace proofgrid::test::forms {
namespace {

mpz_class fdiv(const mpz_class& x, const mpz_class& y) {
  mpz_class q;
  mpz_fdiv_q(q.get_mpz_t(), x.get_mpz_t(), y.get_mpz_t());
  return q;
}

Form normalize(Form f) {
  if (-f.a < f.b && f.b <= f.a) return f;
  const mpz_class r = fdiv(f.a - f.b, 2 * f.a);
  return {f.a, f.b + 2 * r * f.a, f.a * r * r + f.b * r + f.c};
}

Bytes tc129(const mpz_class& v) {
  mpz_class u = v < 0 ? (mpz_class(1) << 1032) + v : v;
  Bytes out(129, 0);
  std::size_t count = 0;
  Bytes tmp(130);
  mpz_export(tmp.data(), &count, 1, 1, 1, 0, u.get_mpz_t());
  if (count > 129) throw std::out_of_range("form value too wide");
  std::copy(tmp.begin(), tmp.begin() + static_cast<std::ptrdiff_t>(count),
            out.begin() + static_cast<std::ptrdiff_t>(129 - count));
  return out;
}

}  // namespace

Form generator(const mpz_class& d) { return {2, 1, (1 - d) / 8}; }

Form reduce(Form f) {
  f = normalize(f);
  while (f.a > f.c || (f.a == f.c && f.b < 0)) {
    const mpz_class s = fdiv(f.c + f.b, 2 * f.c);
    f = {f.c, -f.b + 2 * s * f.c, f.c * s * s - f.b * s + f.a};
  }
  return normalize(f);
}

Form square(const Form& f) {
  // mu = c b^-1 mod a; A = a^2, B = b - 2 a mu, C = mu^2 - (b mu - c) / a.
  mpz_class inv, mu;
  if (f.a == 1) {
    mu = 0;
  } else {
    if (mpz_invert(inv.get_mpz_t(), f.b.get_mpz_t(), f.a.get_mpz_t()) == 0)
      throw std::domain_error("b not invertible mod a");
    mu = f.c * inv % f.a;
  }
  const mpz_class num = f.b * mu - f.c;
  if (num % f.a != 0) throw std::logic_error("inexact division in the oracle");
  return reduce({f.a * f.a, f.b - 2 * f.a * mu, mu * mu - num / f.a});
}

Bytes encode(const Form& f) {
  Bytes out = tc129(f.a);
  append(out, tc129(f.b));
  return out;
}

}  // namespace proofgrid::test::forms
