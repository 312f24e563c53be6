#pragma once
// The inner loop of every MSM here: summing many affine points into buckets with batch-affine
// additions. Each bucket's terms are added pairwise as a tree; all pairs of one tree level,
// across all buckets, share a single field inversion (Montgomery's trick), so an addition
// costs about 6 multiplications instead of 11 for a mixed Jacobian addition.
//
// Two point formats run through the same tree: G1Affine (portable and MULX/ADX code) and
// G1Affine52 (AVX-512 IFMA, eight additions at a time; fp52.hpp).
#include <cstdint>
#include <span>
#include <vector>

#include "engine/kzg/fp52.hpp"
#include "engine/kzg/g1_types.hpp"
#include "engine/kzg/point_pair.hpp"

namespace proofgrid::kzg {

// Terms of a set of buckets in compressed-row form: bucket b owns refs[offsets[b] ..
// offsets[b+1]); a ref is (point index << 1) | negate.
struct BucketTerms {
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> refs;
};

// Groups signed digits into buckets: digit t with value d != 0 becomes a ref to point t in
// bucket |d| - 1, negated when d < 0.
BucketTerms bucket_terms(std::span<const std::int32_t> digits, std::size_t buckets);

template <class Point>
class BucketSummerT {
 public:
  // sums[b] = sum of bucket b's signed points (affine; infinity for an empty bucket). Large
  // tree levels are split across threads (oneTBB), each chunk with its own inversion.
  void sum(std::span<const Point> points, const BucketTerms& terms, std::span<Point> sums);

 private:
  std::vector<Point> current_, next_;
  std::vector<std::uint32_t> count_;
  std::vector<PointPair> pairs_;
};

using BucketSummer = BucketSummerT<G1Affine>;
using BucketSummer52 = BucketSummerT<G1Affine52>;
extern template class BucketSummerT<G1Affine>;
extern template class BucketSummerT<G1Affine52>;

// Sum over b of (b + 1) * sums[b], the bucket reduction. For 64 or more buckets (a power of
// two) most of the work becomes batch-affine row and column sums through `summer`.
G1Jacobian weighted_bucket_sum(std::span<const G1Affine> sums, BucketSummer& summer);
G1Jacobian weighted_bucket_sum(std::span<const G1Affine52> sums, BucketSummer52& summer);

}  // namespace proofgrid::kzg
