#pragma once
// The pairing-free opening identity of spec §8.4, for tests until the pairing arrives:
//   C - [y]_1 == sum_k q_k [tau^(k+1)]_1 - z * pi,
// with q the quotient of the data at idx and z = T_N[idx]. Needs N powers (so N <= 256 with
// the excerpt). It holds for honest (C, y, pi) and fails when any of them is altered.
#include "engine/kzg/domain.hpp"
#include "engine/kzg/g1.hpp"
#include "engine/kzg/g1_codec.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/kzg/msm.hpp"

namespace proofgrid::kzg::test {

inline bool opening_identity_holds(const Srs& srs, ByteView data, ByteView commitment, std::size_t idx,
                                   ByteView y_bytes, ByteView proof, std::size_t n) {
  const std::vector<Fr> q = quotient(data, idx, n);
  std::vector<Scalar> qs(q.size());
  for (std::size_t k = 0; k < q.size(); ++k) qs[k] = to_scalar(q[k]);
  const auto powers = srs.g1_powers();
  REQUIRE(powers.size() >= n);
  const G1Jacobian shifted = msm(powers.subspan(1, n - 1), qs);  // sum q_k [tau^(k+1)]
  const Fr z = roots_table(n)[idx];
  const G1Affine pi = decompress(proof);
  const G1Jacobian rhs = add(shifted, neg(scalar_mul(pi, to_scalar(z))));
  const G1Affine c = decompress(commitment);
  Scalar y = limbs_from_be<Fr::kLimbs>(y_bytes);
  const G1Jacobian lhs = add_mixed(neg(scalar_mul(g1_generator(), y)), c);
  return equal(lhs, rhs);
}

}  // namespace proofgrid::kzg::test
