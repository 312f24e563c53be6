#pragma once
// Host-side planning of the OpenCL MSM (no device needed, unit-tested on its own): the
// window size, signed digits, which table entries go to which bucket, and the lists each
// summing pass gives its work-items.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "backends/opencl/layouts.hpp"

namespace proofgrid::opencl {

// Lists in compressed form: list j is entries[offsets[j] .. offsets[j+1]).
struct PointLists {
  std::vector<std::uint32_t> entries;
  std::vector<std::uint32_t> offsets{0};

  std::size_t size() const noexcept { return offsets.size() - 1; }
  void add(std::span<const std::uint32_t> list);
  std::size_t longest() const noexcept;
};

struct MsmShape {
  unsigned window_bits = 0;  // c
  unsigned windows = 0;      // W, with c*W >= scalar_bits + 1 (room for the signed carry)
  std::uint32_t buckets() const noexcept { return 1u << (window_bits - 1); }
};

// Where the MSM's points come from:
//   kWindowTable  a precomputed table of 2^(c w) * base_i (fixed bases, set up once): all
//                 windows share one set of 2^(c-1) buckets;
//   kBasesOnly    the bases themselves (one-shot MSMs, no set-up): every window has its own
//                 buckets, and the final Horner step runs over c*W bit groups.
enum class MsmTable { kWindowTable, kBasesOnly };

// The c that minimises the additions: table additions (n*W) plus bucket combination
// (~c*2^(c-1) shared, or ~W*c*2^(c-2) with per-window buckets and a c*W-step Horner).
MsmShape choose_msm_shape(std::size_t n, unsigned scalar_bits, MsmTable table = MsmTable::kWindowTable);

// Signed base-2^c digits d_0 .. d_(W-1), |d_w| <= 2^(c-1), with sum d_w 2^(c w) = scalar.
// The scalar must be below 2^(c*W - 1).
std::vector<std::int32_t> signed_digits(const ScalarLimbs& scalar, const MsmShape& shape);

// Bit length of a canonical scalar (0 for zero).
unsigned scalar_bit_length(const ScalarLimbs& scalar);

// Phase 1: the entries (table index << 1 | negative) of each bucket, cut into chunks of at
// most chunk_len; bucket_chunks[b - 1] lists the chunks (indices into chunks) of bucket b.
// kWindowTable: entry w*n + i, bucket |d| - 1; kBasesOnly: entry i, bucket w*2^(c-1) + |d| - 1.
struct BucketPlan {
  PointLists chunks;
  std::vector<std::vector<std::uint32_t>> bucket_chunks;
};
BucketPlan plan_buckets(std::span<const ScalarLimbs> scalars, const MsmShape& shape,
                        unsigned chunk_len, MsmTable table = MsmTable::kWindowTable);

// Passes that reduce each group of points to one point: pass k sums lists of at most fan_in
// indices into the previous pass's output (the first pass indexes the input points). After
// the last pass, point g of the output is the sum of group g (infinity for an empty group).
std::vector<PointLists> plan_group_sums(std::vector<std::vector<std::uint32_t>> groups,
                                        unsigned fan_in);

// Groups over the bucket sums (bucket b at index b - 1) for Horner: group k holds the buckets
// whose index has bit k set, k < window_bits. With kBasesOnly there are window_bits groups per
// window: group w*c + k (weight 2^(c w + k)) holds window w's buckets with bit k set.
std::vector<std::vector<std::uint32_t>> bucket_bit_groups(const MsmShape& shape,
                                                          MsmTable table = MsmTable::kWindowTable);

}  // namespace proofgrid::opencl
