#pragma once
// Many scalar multiples of one base point (k_s * P for thousands of s): a comb table of
// d * 2^(c j) * P and one batch-affine accumulation per output point, so each multiple costs
// about 64 affine additions and no doublings. Used to generate test setups.
#include <span>
#include <vector>

#include "engine/kzg/g1_types.hpp"

namespace proofgrid::kzg {

// out[s] = scalars[s] * base (affine). Scalars must be below r. Parallel (oneTBB).
std::vector<G1Affine> multiples_of(const G1Affine& base, std::span<const Scalar> scalars);

}  // namespace proofgrid::kzg
