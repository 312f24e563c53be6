#pragma once
// GLV decomposition for G1 of BLS48-581. With lambda = -u^8 mod r (phi(P) = lambda*P, see
// g1.hpp) and r = u^8 * (u^8 - 1) + 1, dividing k by u^8 gives k = k1 + k2*u^8 with
// k1, k2 < u^8 < 2^259, hence k*P = k1*P + k2*(-phi(P)). No lattice rounding is needed.
#include "engine/kzg/field_types.hpp"
#include "engine/kzg/limbs.hpp"

namespace proofgrid::kzg {

inline constexpr std::size_t kGlvLimbs = 5;  // 259 bits
inline constexpr std::size_t kGlvBits = 259;

struct GlvSplit {
  Limbs<kGlvLimbs> k1;  // multiplies P
  Limbs<kGlvLimbs> k2;  // multiplies -phi(P)
};

// k must be canonical and below r (throws std::invalid_argument otherwise).
GlvSplit glv_split(const Scalar& k);

// u^8 = 0x140000381^8 as limbs (259 bits).
const Limbs<kGlvLimbs>& glv_u8();

}  // namespace proofgrid::kzg
