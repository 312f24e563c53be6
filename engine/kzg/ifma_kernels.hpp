#pragma once
// AVX-512 IFMA kernels: eight batch-affine G1 additions at a time in radix-2^52 Montgomery
// arithmetic (fp52.hpp). Call only when isa_supported(Isa::kAvx512Ifma).
#include <span>

#include "engine/kzg/fp52.hpp"
#include "engine/kzg/point_pair.hpp"

namespace proofgrid::kzg {

// dst[k.dst] = src[k.a] + src[k.b] (refs may ask for negation) for every pair k. Returns false
// (dst then partly written) when some pair has equal x coordinates (a doubling or a
// cancellation), which the caller then redoes with the general scalar code. Negated sources
// must be fully reduced (below p), as table points are.
bool add_pairs_ifma(std::span<const G1Affine52> src, std::span<const PointPair> pairs, std::span<G1Affine52> dst);

}  // namespace proofgrid::kzg
