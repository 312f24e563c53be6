#include "engine/kzg/g2.hpp"

#include <string>

#include "engine/kzg/g1_codec.hpp"
#include "engine/kzg/jacobian.hpp"

namespace proofgrid::kzg {
namespace {

Fp hex_fp(const char* hex) { return from_canonical<Fp>(limbs_from_hex<Fp::kLimbs>(hex)); }

G2Affine make_generator() {
  // Spec Appendix A, coefficients c0 ... c7.
  const std::array<Fp, 8> x = {
      hex_fp("0x05d615d9a7871e4a38237fa45a2775debabbefc70344dbccb7de64db3a2ef156c46ff79baad1a8c42281a63ca0612f400503004d80491f510317b79766322154dec34fd0b4ace8bfab"),
      hex_fp("0x07c4973ece2258512069b0e86abc07e8b22bb6d980e1623e9526f6da12307f4e1c3943a00abfedf16214a76affa62504f0c3c7630d979630ffd75556a01afa143f1669b36676b47c57"),
      hex_fp("0x01fccc70198f1334e1b2ea1853ad83bc73a8a6ca9ae237ca7a6d6957ccbab5ab6860161c1dbd19242ffae766f0d2a6d55f028cbdfbb879d5fea8ef4cded6b3f0b46488156ca55a3e6a"),
      hex_fp("0x0be2218c25ceb6185c78d8012954d4bfe8f5985ac62f3e5821b7b92a393f8be0cc218a95f63e1c776e6ec143b1b279b9468c31c5257c200ca52310b8cb4e80bc3f09a7033cbb7feafe"),
      hex_fp("0x038b91c600b35913a3c598e4caa9dd63007c675d0b1642b5675ff0e7c5805386699981f9e48199d5ac10b2ef492ae589274fad55fc1889aa80c65b5f746c9d4cbb739c3a1c53f8cce5"),
      hex_fp("0x0c96c7797eb0738603f1311e4ecda088f7b8f35dcef0977a3d1a58677bb037418181df63835d28997eb57b40b9c0b15dd7595a9f177612f097fc7960910fce3370f2004d914a3c093a"),
      hex_fp("0x0b9b7951c6061ee3f0197a498908aee660dea41b39d13852b6db908ba2c0b7a449cef11f293b13ced0fd0caa5efcf3432aad1cbe4324c22d63334b5b0e205c3354e41607e60750e057"),
      hex_fp("0x0827d5c22fb2bdec5282624c4f4aaa2b1e5d7a9defaf47b5211cf741719728a7f9f8cfca93f29cff364a7190b7e2b0d4585479bd6aebf9fc44e56af2fc9e97c3f84e19da00fbc6ae34")};
  const std::array<Fp, 8> y = {
      hex_fp("0x00eb53356c375b5dfa497216452f3024b918b4238059a577e6f3b39ebfc435faab0906235afa27748d90f7336d8ae5163c1599abf77eea6d659045012ab12c0ff323edd3fe4d2d7971"),
      hex_fp("0x0284dc75979e0ff144da6531815fcadc2b75a422ba325e6fba01d72964732fcbf3afb096b243b1f192c5c3d1892ab24e1dd212fa097d760e2e588b423525ffc7b111471db936cd5665"),
      hex_fp("0x0b36a201dd008523e421efb70367669ef2c2fc5030216d5b119d3a480d370514475f7d5c99d0e90411515536ca3295e5e2f0c1d35d51a652269cbc7c46fc3b8fde68332a526a2a8474"),
      hex_fp("0x0aec25a4621edc0688223fbbd478762b1c2cded3360dcee23dd8b0e710e122d2742c89b224333fa40dced2817742770ba10d67bda503ee5e578fb3d8b8a1e5337316213da92841589d"),
      hex_fp("0x0d209d5a223a9c46916503fa5a88325a2554dc541b43dd93b5a959805f1129857ed85c77fa238cdce8a1e2ca4e512b64f59f430135945d137b08857fdddfcf7a43f47831f982e50137"),
      hex_fp("0x07d0d03745736b7a513d339d5ad537b90421ad66eb16722b589d82e2055ab7504fa83420e8c270841f6824f47c180d139e3aafc198caa72b679da59ed8226cf3a594eedc58cf90bee4"),
      hex_fp("0x0896767811be65ea25c2d05dfdd17af8a006f364fc0841b064155f14e4c819a6df98f425ae3a2864f22c1fab8c74b2618b5bb40fa639f53dccc9e884017d9aa62b3d41faeafeb23986"),
      hex_fp("0x035e2524ff89029d393a5c07e84f981b5e068f1406be8e50c87549b6ef8eca9a9533a3f8e69c31e97e1ad0333ec719205417300d8c4ab33f748e5ac66e84069c55d667ffcb732718b6")};
  return G2Affine{from_coefficients(x), from_coefficients(y), false};
}

// Parity used by the encoding: of the first non-zero coefficient of y, in the order c0 .. c7.
bool y_is_odd(const Fp8& y) {
  for (const Fp& c : coefficients(y)) {
    if (!is_zero(c)) return (to_canonical(c)[0] & 1U) != 0;
  }
  return false;
}

}  // namespace

const G2Affine& g2_generator() {
  static const G2Affine g = make_generator();
  return g;
}

const Fp8& g2_b() {
  static const Fp8 b = [] {
    Fp8 w{};
    w.c1 = tower_one<Fp4>();
    return -inverse(w);
  }();
  return b;
}

bool on_curve(const G2Affine& p) {
  if (p.infinity) return true;
  return square(p.y) == square(p.x) * p.x + g2_b();
}

G2Jacobian to_jacobian(const G2Affine& p) {
  if (p.infinity) return G2Jacobian{};
  return G2Jacobian{p.x, p.y, tower_one<Fp8>()};
}

G2Affine to_affine(const G2Jacobian& p) {
  if (is_zero(p.Z)) return G2Affine{};
  const Fp8 zinv = inverse(p.Z);
  const Fp8 zinv2 = square(zinv);
  return G2Affine{p.X * zinv2, p.Y * zinv2 * zinv, false};
}

G2Jacobian dbl(const G2Jacobian& p) { return jacobian::dbl(p); }
G2Jacobian add(const G2Jacobian& p, const G2Jacobian& q) { return jacobian::add(p, q); }
G2Jacobian add_mixed(const G2Jacobian& p, const G2Affine& q) { return jacobian::add_mixed(p, q); }

bool equal(const G2Affine& p, const G2Affine& q) {
  if (p.infinity || q.infinity) return p.infinity == q.infinity;
  return p.x == q.x && p.y == q.y;
}

G2Jacobian scalar_mul(const G2Affine& p, const Scalar& k) {
  G2Jacobian acc;
  for (std::size_t bit = limbs_bit_length(k); bit-- > 0;) {
    acc = dbl(acc);
    if (limbs_bit(k, bit)) acc = add_mixed(acc, p);
  }
  return acc;
}

bool in_subgroup(const G2Affine& p) { return is_zero(scalar_mul(p, kGroupOrder).Z); }

G2Bytes compress(const G2Affine& p) {
  G2Bytes out{};
  if (p.infinity) {
    out[0] = 0x03;  // as for G1: x = 0 with an odd y
    return out;
  }
  out[0] = y_is_odd(p.y) ? 0x03 : 0x02;
  const std::array<Fp, 8> c = coefficients(p.x);
  for (std::size_t k = 0; k < 8; ++k) to_bytes73(c[7 - k], out.data() + 1 + kFieldBytes * k);
  return out;
}

G2Affine decompress_g2(ByteView bytes, bool check_subgroup) {
  using R = PointError::Reason;
  if (bytes.size() != kG2CompressedBytes) {
    throw PointError(R::kLength, "G2 point has " + std::to_string(bytes.size()) + " bytes; a compressed point is 585");
  }
  if (bytes[0] != 0x02 && bytes[0] != 0x03) {
    throw PointError(R::kPrefix, "G2 point prefix is not 0x02 or 0x03 (compressed points only)");
  }
  std::array<Fp, 8> c;
  for (std::size_t k = 0; k < 8; ++k) {
    const auto v = limbs_from_be<Fp::kLimbs>(bytes.subspan(1 + kFieldBytes * k, kFieldBytes));
    if (!limbs_less(v, FieldParams<Fp>::kModulus)) {
      throw PointError(R::kRange, "G2 point x coefficient " + std::to_string(7 - k) + " is not below p");
    }
    c[7 - k] = from_canonical<Fp>(v);
  }
  G2Affine p;
  p.x = from_coefficients(c);
  if (is_zero(p.x)) return G2Affine{};
  const auto y = sqrt_tower(square(p.x) * p.x + g2_b());
  if (!y) throw PointError(R::kNotOnCurve, "G2 point x is not on the twist y^2 = x^3 - 1/w");
  p.y = *y;
  if (y_is_odd(p.y) != (bytes[0] == 0x03)) p.y = -p.y;
  p.infinity = false;
  if (check_subgroup && !in_subgroup(p)) {
    throw PointError(R::kNotInSubgroup, "G2 point is on the twist but not in the order-r subgroup");
  }
  return p;
}

}  // namespace proofgrid::kzg
