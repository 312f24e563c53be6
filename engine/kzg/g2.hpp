#pragma once
// G2 of BLS48-581: the sextic D-twist E': y^2 = x^3 - 1/w over Fp8 (spec §3.4), its generator
// (spec Appendix A), the group law, and the 585-byte compressed encoding. Enough to write and
// read the setup's [G2, [tau]_2]; the pairing itself comes with verification.
#include <array>

#include "engine/common/bytes.hpp"
#include "engine/kzg/field_types.hpp"
#include "engine/kzg/fp_tower.hpp"

namespace proofgrid::kzg {

struct G2Affine {
  Fp8 x;
  Fp8 y;
  bool infinity = true;
};

struct G2Jacobian {
  Fp8 X;
  Fp8 Y;
  Fp8 Z;
};

inline constexpr std::size_t kG2CompressedBytes = 585;
using G2Bytes = std::array<std::uint8_t, kG2CompressedBytes>;

const G2Affine& g2_generator();
// b' = -1/w, the twist's constant.
const Fp8& g2_b();

bool on_curve(const G2Affine& p);
G2Jacobian to_jacobian(const G2Affine& p);
G2Affine to_affine(const G2Jacobian& p);
G2Jacobian dbl(const G2Jacobian& p);
G2Jacobian add(const G2Jacobian& p, const G2Jacobian& q);
G2Jacobian add_mixed(const G2Jacobian& p, const G2Affine& q);
bool equal(const G2Affine& p, const G2Affine& q);
// k * P by double-and-add (setup generation and checks; not a hot path).
G2Jacobian scalar_mul(const G2Affine& p, const Scalar& k);
// r * P == O.
bool in_subgroup(const G2Affine& p);

// 0x02/0x03 (parity of the first non-zero y coefficient, c0 first), then x's coefficients
// c7 ... c0 as 73-byte big-endian integers.
G2Bytes compress(const G2Affine& p);
// Decodes and checks the twist equation (and r * P = O when asked); throws PointError.
G2Affine decompress_g2(ByteView bytes, bool check_subgroup);

}  // namespace proofgrid::kzg
