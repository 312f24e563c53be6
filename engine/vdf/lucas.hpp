#pragma once
// The strong Lucas probable-prime test with Selfridge's parameters (method A: the first D of
// 5, −7, 9, −11, ... with Jacobi(D/n) = −1, P = 1, Q = (1 − D)/4), the second half of BPSW
// (Baillie–Wagstaff 1980). Written once over a modular-arithmetic engine so that the same code
// runs on GMP integers (any size; the yardstick) and on the 2048-bit IFMA arithmetic.
//
// Engine interface: type Value; Value from_int(long) (the residue of a small integer);
// mul(a, b), add(a, b), sub(a, b), half(a) (division by 2 mod n); bool is_zero(a).
#include <cstdint>

#include "engine/vdf/mpz.hpp"

namespace proofgrid::vdf {

// D for n: 0 if n is a perfect square or has a factor |D| < n (then n is composite unless
// n = |D|, which the caller rules out for n > 100).
long selfridge_d(const Mpz& n);

template <class Engine>
bool strong_lucas(Engine& e, const Mpz& n, long d) {
  using Value = typename Engine::Value;
  const long q = (1 - d) / 4;
  // n + 1 = k · 2^s with k odd.
  Mpz k;
  mpz_add_ui(k, n, 1);
  const auto s = static_cast<unsigned>(mpz_scan1(k, 0));
  mpz_fdiv_q_2exp(k, k, s);
  const Value dv = e.from_int(d), qv = e.from_int(q);
  // (U_1, V_1, Q^1) = (1, P, Q), then the binary ladder on the bits of k below the top one.
  Value u = e.from_int(1), v = e.from_int(1), qk = qv;
  for (std::size_t i = k.bits() - 1; i-- > 0;) {
    // U_2j = U_j V_j, V_2j = V_j² − 2Q^j, Q^2j = (Q^j)²
    u = e.mul(u, v);
    v = e.sub(e.mul(v, v), e.add(qk, qk));
    qk = e.mul(qk, qk);
    if (mpz_tstbit(k, i)) {
      // U_{j+1} = (P U_j + V_j)/2, V_{j+1} = (D U_j + P V_j)/2, Q^{j+1} = Q·Q^j
      const Value du = e.mul(dv, u);
      u = e.half(e.add(u, v));
      v = e.half(e.add(du, v));
      qk = e.mul(qk, qv);
    }
  }
  if (e.is_zero(u) || e.is_zero(v)) return true;
  for (unsigned r = 1; r < s; ++r) {
    v = e.sub(e.mul(v, v), e.add(qk, qk));
    if (e.is_zero(v)) return true;
    qk = e.mul(qk, qk);
  }
  return false;
}

// The engine on GMP integers, for any odd n > 1.
class MpzEngine {
 public:
  using Value = Mpz;
  explicit MpzEngine(const Mpz& n) : n_(n) {}
  Value from_int(long x) const {
    Mpz v(x);
    mpz_mod(v, v, n_);
    return v;
  }
  Value mul(const Value& a, const Value& b) const { return reduce_op(mpz_mul, a, b); }
  Value add(const Value& a, const Value& b) const { return reduce_op(mpz_add, a, b); }
  Value sub(const Value& a, const Value& b) const { return reduce_op(mpz_sub, a, b); }
  Value half(const Value& a) const {
    Mpz v = a;
    if (mpz_odd_p(v.get())) mpz_add(v, v, n_);
    mpz_fdiv_q_2exp(v, v, 1);
    return v;
  }
  bool is_zero(const Value& a) const { return a.sign() == 0; }

 private:
  template <class Op>
  Value reduce_op(Op op, const Value& a, const Value& b) const {
    Mpz v;
    op(v, a, b);
    mpz_mod(v, v, n_);
    return v;
  }
  const Mpz& n_;
};

}  // namespace proofgrid::vdf
