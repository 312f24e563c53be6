#pragma once
// AVX-512 IFMA kernels: eight batch-affine G1 additions at a time in radix-2^52 Montgomery
// arithmetic (fp52.hpp). Call only when ifma_enabled().
#include <span>

#include "engine/kzg/fp52.hpp"
#include "engine/kzg/point_pair.hpp"

namespace proofgrid::kzg {

// results[k] = work[pairs[k].src] + work[pairs[k].src + 1]. Returns false (results then
// unspecified) when some pair has equal x coordinates (a doubling or a cancellation), which the
// caller handles with the general scalar code.
bool add_pairs_ifma(std::span<const G1Affine52> work, std::span<const PointPair> pairs,
                    std::span<G1Affine52> results);

}  // namespace proofgrid::kzg
