#pragma once
// The inner loop of every MSM here: summing many affine points into buckets with batch-affine
// additions. Each bucket's terms are added pairwise as a tree; all pairs of one tree level,
// across all buckets, share a single field inversion (Montgomery's trick), so an addition
// costs about 6 multiplications instead of 11 for a mixed Jacobian addition.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/kzg/g1_types.hpp"

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

class BucketSummer {
 public:
  // sums[b] = sum of bucket b's signed points (affine; infinity for an empty bucket).
  void sum(std::span<const G1Affine> points, const BucketTerms& terms, std::span<G1Affine> sums);

 private:
  struct Pair {
    std::uint32_t dst;
    std::uint32_t src;  // the pair is (src, src + 1)
  };
  void add_pairs(std::span<const Pair> pairs);

  std::vector<G1Affine> work_;
  std::vector<std::uint32_t> count_;
  std::vector<Pair> pairs_;
};

// Sum over b of (b + 1) * sums[b], the bucket reduction. For 64 or more buckets (a power of
// two) most of the work becomes batch-affine row and column sums through `summer`.
G1Jacobian weighted_bucket_sum(std::span<const G1Affine> sums, BucketSummer& summer);

}  // namespace proofgrid::kzg
