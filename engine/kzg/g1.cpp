#include "engine/kzg/g1.hpp"

#include <array>
#include <vector>

#include "engine/kzg/jacobian.hpp"

namespace proofgrid::kzg {
namespace {

G1Affine make_generator() {
  G1Affine g;
  g.x = from_canonical<Fp>(limbs_from_hex<Fp::kLimbs>(
      "0x02af59b7ac340f2baf2b73df1e93f860de3f257e0e86868cf61abdbaedffb9f7544550546a9df6f9645847665d"
      "859236ebdbc57db368b11786cb74da5d3a1e6d8c3bce8732315af640"));
  g.y = from_canonical<Fp>(limbs_from_hex<Fp::kLimbs>(
      "0x0cefda44f6531f91f86b3a2d1fb398a488a553c9efeb8a52e991279dd41b720ef7bb7beffb98aee53e80f67858"
      "4c3ef22f487f77c2876d1b2e35f37aef7b926b576dbb5de3e2587a70"));
  g.infinity = false;
  return g;
}

// |u| * Q with |u| = 0x140000381 = ((((1*2^2 + 1)*2^20 + 1)*2^3 - 1)*2^7 + 1): 32 doublings
// and 4 additions.
G1Jacobian mul_by_abs_u(const G1Affine& q) {
  const G1Affine minus_q = neg(q);
  G1Jacobian acc = to_jacobian(q);
  auto doublings = [&acc](int n) {
    for (int i = 0; i < n; ++i) acc = dbl(acc);
  };
  doublings(2);
  acc = add_mixed(acc, q);
  doublings(20);
  acc = add_mixed(acc, q);
  doublings(3);
  acc = add_mixed(acc, minus_q);
  doublings(7);
  return add_mixed(acc, q);
}

}  // namespace

const G1Affine& g1_generator() {
  static const G1Affine g = make_generator();
  return g;
}

const Fp& g1_beta() {
  static const Fp beta = from_canonical<Fp>(limbs_from_hex<Fp::kLimbs>(
      "0x2c68b75055dd5d1f4e2096384f2afa56583d66c1e5fcbed6ff46a846b5fa6aa73422b5fb82f4316694b9b60db5d"
      "62ab21f74f7421a205cd8e3f88e5de824de9ac5e1c79b90"));
  return beta;
}

G1Jacobian to_jacobian(const G1Affine& p) {
  if (p.infinity) return G1Jacobian{};
  return G1Jacobian{p.x, p.y, field_one<Fp>()};
}

G1Affine to_affine(const G1Jacobian& p) {
  if (is_infinity(p)) return G1Affine{};
  const Fp zinv = inverse(p.Z);
  const Fp zinv2 = square(zinv);
  return G1Affine{p.X * zinv2, p.Y * zinv2 * zinv, false};
}

void batch_to_affine(std::span<const G1Jacobian> in, std::span<G1Affine> out) {
  std::vector<Fp> zs(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) zs[i] = in[i].Z;
  std::vector<Fp> scratch;
  batch_inverse<Fp>(zs, scratch);
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (is_infinity(in[i])) {
      out[i] = G1Affine{};
      continue;
    }
    const Fp zinv2 = square(zs[i]);
    out[i] = G1Affine{in[i].X * zinv2, in[i].Y * zinv2 * zs[i], false};
  }
}

G1Affine neg(const G1Affine& p) { return p.infinity ? p : G1Affine{p.x, -p.y, false}; }
G1Jacobian neg(const G1Jacobian& p) { return G1Jacobian{p.X, -p.Y, p.Z}; }

G1Jacobian dbl(const G1Jacobian& p) { return jacobian::dbl(p); }
G1Jacobian add(const G1Jacobian& p, const G1Jacobian& q) { return jacobian::add(p, q); }
G1Jacobian add_mixed(const G1Jacobian& p, const G1Affine& q) { return jacobian::add_mixed(p, q); }

bool equal(const G1Jacobian& p, const G1Jacobian& q) {
  const bool pi = is_infinity(p), qi = is_infinity(q);
  if (pi || qi) return pi == qi;
  const Fp z1z1 = square(p.Z), z2z2 = square(q.Z);
  if (!(p.X * z2z2 == q.X * z1z1)) return false;
  return p.Y * z2z2 * q.Z == q.Y * z1z1 * p.Z;
}

bool equal(const G1Affine& p, const G1Affine& q) {
  if (p.infinity || q.infinity) return p.infinity == q.infinity;
  return p.x == q.x && p.y == q.y;
}

bool on_curve(const G1Affine& p) {
  if (p.infinity) return true;
  return square(p.y) == square(p.x) * p.x + field_one<Fp>();
}

G1Affine endomorphism(const G1Affine& p) {
  if (p.infinity) return p;
  return G1Affine{g1_beta() * p.x, p.y, false};
}

G1Jacobian scalar_mul(const G1Affine& p, const Scalar& k) {
  if (p.infinity) return G1Jacobian{};
  // Odd multiples P, 3P, ..., 15P in affine, and signed digits in {0, +-1, ..., +-15} odd
  // (width-5 NAF).
  std::array<G1Jacobian, 8> odd_j;
  odd_j[0] = to_jacobian(p);
  const G1Jacobian p2 = dbl(odd_j[0]);
  for (std::size_t i = 1; i < odd_j.size(); ++i) odd_j[i] = add(odd_j[i - 1], p2);
  std::array<G1Affine, 8> odd;
  batch_to_affine(odd_j, odd);

  std::vector<int> naf;
  naf.reserve(64 * k.size() + 1);
  std::array<std::uint64_t, Fr::kLimbs + 1> n{};
  for (std::size_t i = 0; i < k.size(); ++i) n[i] = k[i];
  auto n_is_zero = [&n] {
    for (auto w : n) if (w != 0) return false;
    return true;
  };
  while (!n_is_zero()) {
    int digit = 0;
    if (n[0] & 1U) {
      digit = static_cast<int>(n[0] & 31U);
      if (digit >= 16) digit -= 32;
      // n -= digit
      const std::uint64_t mag = static_cast<std::uint64_t>(digit < 0 ? -digit : digit);
      if (digit > 0) {
        std::uint64_t borrow = mag;
        for (auto& w : n) {
          const std::uint64_t before = w;
          w -= borrow;
          borrow = before < borrow ? 1 : 0;
          if (borrow == 0) break;
        }
      } else {
        std::uint64_t carry = mag;
        for (auto& w : n) {
          w += carry;
          carry = w < carry ? 1 : 0;
          if (carry == 0) break;
        }
      }
    }
    naf.push_back(digit);
    for (std::size_t i = 0; i + 1 < n.size(); ++i) n[i] = (n[i] >> 1) | (n[i + 1] << 63);
    n.back() >>= 1;
  }
  G1Jacobian acc;
  for (std::size_t i = naf.size(); i-- > 0;) {
    acc = dbl(acc);
    const int d = naf[i];
    if (d > 0) acc = add_mixed(acc, odd[static_cast<std::size_t>(d / 2)]);
    if (d < 0) acc = add_mixed(acc, neg(odd[static_cast<std::size_t>(-d / 2)]));
  }
  return acc;
}

bool in_subgroup(const G1Affine& p) {
  if (p.infinity) return true;
  G1Affine q = p;
  for (int i = 0; i < 8; ++i) {
    const G1Jacobian next = mul_by_abs_u(q);
    if (is_infinity(next)) return false;  // u^8 P = O with P != O: order divides u^8, not r
    q = to_affine(next);
  }
  // q = u^8 P; require phi(P) = -q.
  const G1Affine phi = endomorphism(p);
  return phi.x == q.x && phi.y == -q.y;
}

}  // namespace proofgrid::kzg
