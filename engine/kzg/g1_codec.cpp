#include "engine/kzg/g1_codec.hpp"

#include <cstdio>

#include "engine/kzg/g1.hpp"

namespace proofgrid::kzg {

G1Bytes compress(const G1Affine& p) {
  G1Bytes out{};
  if (p.infinity) {
    out[0] = 0x03;  // MIRACL's infinity: x = 0 with an odd y
    return out;
  }
  const Limbs<Fp::kLimbs> y = to_canonical(p.y);
  out[0] = (y[0] & 1U) != 0 ? 0x03 : 0x02;
  to_bytes73(p.x, out.data() + 1);
  return out;
}

Bytes compress_bytes(const G1Affine& p) {
  const G1Bytes b = compress(p);
  return Bytes(b.begin(), b.end());
}

G1Affine decompress(ByteView bytes, SubgroupCheck check) {
  using R = PointError::Reason;
  if (bytes.size() != kG1Bytes) {
    throw PointError(R::kLength, "G1 point has " + std::to_string(bytes.size()) +
                                     " bytes; a compressed point is 74 bytes (02 or 03, then x)");
  }
  const std::uint8_t prefix = bytes[0];
  if (prefix != 0x02 && prefix != 0x03) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", prefix);
    throw PointError(R::kPrefix, std::string("G1 point prefix ") + hex +
                                     " is not 0x02 or 0x03 (the parity of y); only compressed "
                                     "points are accepted");
  }
  const Limbs<Fp::kLimbs> x_int = limbs_from_be<Fp::kLimbs>(bytes.subspan(1));
  if (!limbs_less(x_int, FieldParams<Fp>::kModulus)) {
    throw PointError(R::kRange, "G1 point x coordinate is not below the field prime p");
  }
  if (limbs_is_zero(x_int)) return G1Affine{};  // 03||00..00 (or 02||00..00): infinity
  G1Affine p;
  p.x = from_canonical<Fp>(x_int);
  const std::optional<Fp> y = sqrt(square(p.x) * p.x + field_one<Fp>());
  if (!y) throw PointError(R::kNotOnCurve, "G1 point x coordinate is not on the curve y^2 = x^3 + 1");
  p.y = *y;
  const bool odd = (to_canonical(p.y)[0] & 1U) != 0;
  if (odd != (prefix == 0x03)) p.y = -p.y;
  p.infinity = false;
  if (check == SubgroupCheck::kYes && !in_subgroup(p)) {
    throw PointError(R::kNotInSubgroup,
                     "G1 point is on the curve but not in the order-r subgroup (a cofactor "
                     "component is present); it cannot come from a valid commitment or setup");
  }
  return p;
}

}  // namespace proofgrid::kzg
