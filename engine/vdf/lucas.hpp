#pragma once
// The strong Lucas probable-prime test with Selfridge's parameters (method A: the first D of
// 5, −7, 9, −11, ... with Jacobi(D/n) = −1, P = 1, Q = (1 − D)/4), the second half of BPSW
// (Baillie–Wagstaff 1980). Written once over a modular-arithmetic engine so that the same code
// runs on GMP integers (any size; the yardstick) and on the 2048-bit IFMA arithmetic.
//
// Engine interface: type Value; Value from_int(long) (the residue of a small integer);
// mul(a, b), add(a, b), sub(a, b), half(a) (division by 2 mod n); bool is_zero(a); and
// mul3(...) computing three independent products at once (an engine may interleave them);
// mul_small(a, c): c·a for a small integer c.
#include <cstdint>

#include "engine/vdf/mpz.hpp"

namespace proofgrid::vdf {

// D for n: 0 if n is a perfect square or has a factor |D| < n (then n is composite unless
// n = |D|, which the caller rules out for n > 100).
long selfridge_d(const Mpz& n);

// The end of the strong test once U_k, V_k and Q^k are known (n + 1 = k·2^s, k odd): n is a
// strong Lucas probable prime iff U_k ≡ 0 or V_(k·2^r) ≡ 0 for some 0 ≤ r < s.
template <class Engine>
bool strong_lucas_tail(Engine& e, const typename Engine::Value& u, typename Engine::Value v,
                       typename Engine::Value qk, unsigned s) {
  if (e.is_zero(u) || e.is_zero(v)) return true;
  for (unsigned r = 1; r < s; ++r) {
    v = e.sub(e.mul(v, v), e.add(qk, qk));
    if (e.is_zero(v)) return true;
    qk = e.mul(qk, qk);
  }
  return false;
}

// n + 1 = k·2^s with k odd; returns s.
inline unsigned lucas_split(const Mpz& n, Mpz& k) {
  mpz_add_ui(k, n, 1);
  const auto s = static_cast<unsigned>(mpz_scan1(k, 0));
  mpz_fdiv_q_2exp(k, k, s);
  return s;
}

template <class Engine>
bool strong_lucas(Engine& e, const Mpz& n, long d) {
  using Value = typename Engine::Value;
  const long q = (1 - d) / 4;
  Mpz k;
  const unsigned s = lucas_split(n, k);
  // (U_1, V_1, Q^1) = (1, P, Q), then the binary ladder on the bits of k below the top one.
  Value u = e.from_int(1), v = e.from_int(1), qk = e.from_int(q);
  for (std::size_t i = k.bits() - 1; i-- > 0;) {
    // U_2j = U_j V_j, V_2j = V_j² − 2Q^j, Q^2j = (Q^j)²
    Value uv, vv, qq;
    e.mul3(uv, u, v, vv, v, v, qq, qk, qk);
    u = uv;
    v = e.sub(vv, e.add(qk, qk));
    qk = qq;
    if (mpz_tstbit(k, i)) {
      // U_{j+1} = (P U_j + V_j)/2, V_{j+1} = (D U_j + P V_j)/2, Q^{j+1} = Q·Q^j
      const Value du = e.mul_small(u, d);
      u = e.half(e.add(u, v));
      v = e.half(e.add(du, v));
      qk = e.mul_small(qk, q);
    }
  }
  return strong_lucas_tail(e, u, v, qk, s);
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
  Value mul_small(const Value& a, long c) const { return mul(a, Mpz(c)); }
  Value half(const Value& a) const {
    Mpz v = a;
    if (mpz_odd_p(v.get())) mpz_add(v, v, n_);
    mpz_fdiv_q_2exp(v, v, 1);
    return v;
  }
  bool is_zero(const Value& a) const { return a.sign() == 0; }
  void mul3(Value& o0, const Value& a0, const Value& b0, Value& o1, const Value& a1, const Value& b1,
            Value& o2, const Value& a2, const Value& b2) const {
    o0 = mul(a0, b0);
    o1 = mul(a1, b1);
    o2 = mul(a2, b2);
  }

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
