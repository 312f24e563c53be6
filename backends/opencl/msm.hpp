#pragma once
// Multi-scalar multiplication over BLS48-581 G1 on an OpenCL device, for a fixed set of bases
// (the KZG commitment uses the same SRS table round after round): the constructor uploads the
// bases and precomputes their window multiples once; run() then costs about n*W mixed
// additions spread over many work-items. See docs/opencl.md for the method.
// With MsmTable::kBasesOnly nothing is precomputed (a one-shot MSM): every window keeps its
// own buckets and run() costs ~1.6x more additions, but there is no n*W*c-doubling set-up.
#include <cstddef>
#include <span>

#include "backends/opencl/cl_context.hpp"
#include "backends/opencl/layouts.hpp"
#include "backends/opencl/msm_plan.hpp"

namespace proofgrid::opencl {

class OpenClMsm {
 public:
  // scalar_bits bounds the scalars run() accepts (<= 576; 518 covers every Fr value, 512
  // every KZG data chunk); fewer bits mean a smaller table and faster runs.
  OpenClMsm(OpenClContext& ctx, std::span<const G1AffineLimbs> bases, unsigned scalar_bits = 576,
            MsmTable table = MsmTable::kWindowTable);

  // sum scalars[i] * bases[i]; scalars are canonical, one per base. Throws
  // std::invalid_argument on a count mismatch or a scalar wider than scalar_bits.
  G1JacobianLimbs run(std::span<const ScalarLimbs> scalars);

  std::size_t size() const noexcept { return n_; }
  const MsmShape& shape() const noexcept { return shape_; }

 private:
  Buffer sum_groups(Buffer points, std::vector<std::vector<std::uint32_t>> groups);
  // One msm_sum_lists launch: over the table (chunks) or over earlier partial sums.
  Buffer sum_lists(bool from_table, const Buffer& points, const PointLists& lists);

  OpenClContext& ctx_;
  std::size_t n_;
  unsigned scalar_bits_;
  MsmTable table_kind_;
  MsmShape shape_;
  Buffer table_;
  Kernel sum_lists_, horner_;
};

}  // namespace proofgrid::opencl
