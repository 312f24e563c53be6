#include "backends/opencl/msm.hpp"

#include <stdexcept>
#include <string>

#include "backends/opencl/kernel_programs.hpp"

namespace proofgrid::opencl {
namespace {

// Serial work per work-item: a bucket chunk is at most kChunkLen mixed additions, a summing
// pass at most kFanIn additions. Small values give more, shorter work-items (GPU-friendly).
constexpr unsigned kChunkLen = 8;
constexpr unsigned kFanIn = 16;

}  // namespace

OpenClMsm::OpenClMsm(OpenClContext& ctx, std::span<const G1AffineLimbs> bases, unsigned scalar_bits,
                     MsmTable table)
    : ctx_(ctx), n_(bases.size()), scalar_bits_(scalar_bits), table_kind_(table) {
  if (scalar_bits == 0 || scalar_bits > 576)
    throw std::invalid_argument("OpenClMsm: scalar_bits must be 1..576, got " +
                                std::to_string(scalar_bits));
  shape_ = choose_msm_shape(n_, scalar_bits, table);
  if (static_cast<double>(n_) * shape_.windows >= 2147483648.0)
    throw std::invalid_argument("OpenClMsm: too many bases (" + std::to_string(n_) + ")");
  const ProgramRecipe& prog = kzg_program();
  sum_lists_ = ctx.kernel(prog, "msm_sum_lists");
  horner_ = ctx.kernel(prog, "msm_horner");
  if (n_ == 0) return;

  if (table == MsmTable::kBasesOnly) {
    table_ = ctx.upload(bases);
    return;
  }
  const Buffer base_buf = ctx.upload(bases);
  table_ = ctx.alloc(n_ * shape_.windows * sizeof(G1AffineLimbs));
  const Buffer scratch = ctx.alloc(n_ * shape_.windows * sizeof(G1JacobianLimbs));
  const Kernel precompute = ctx.kernel(prog, "msm_precompute");
  ctx.run(precompute, n_, base_buf, static_cast<cl_uint>(n_), static_cast<cl_uint>(shape_.windows),
          static_cast<cl_uint>(shape_.window_bits), table_, scratch);
  ctx.finish();  // scratch and base_buf go out of scope: wait for the kernel first
}

G1JacobianLimbs OpenClMsm::run(std::span<const ScalarLimbs> scalars) {
  if (scalars.size() != n_)
    throw std::invalid_argument("OpenClMsm::run: " + std::to_string(scalars.size()) +
                                " scalars for " + std::to_string(n_) + " bases");
  for (std::size_t i = 0; i < scalars.size(); ++i)
    if (scalar_bit_length(scalars[i]) > scalar_bits_)
      throw std::invalid_argument("OpenClMsm::run: scalar " + std::to_string(i) + " has " +
                                  std::to_string(scalar_bit_length(scalars[i])) +
                                  " bits, more than the " + std::to_string(scalar_bits_) +
                                  " this OpenClMsm was prepared for");
  G1JacobianLimbs result{};  // z = 0: infinity, the sum of nothing
  if (n_ == 0) return result;

  BucketPlan plan = plan_buckets(scalars, shape_, kChunkLen, table_kind_);
  Buffer chunk_sums = sum_lists(true, table_, plan.chunks);
  Buffer bucket_sums = sum_groups(std::move(chunk_sums), std::move(plan.bucket_chunks));
  std::vector<std::vector<std::uint32_t>> bit_groups = bucket_bit_groups(shape_, table_kind_);
  const auto horner_terms = static_cast<cl_uint>(bit_groups.size());
  Buffer bit_sums = sum_groups(std::move(bucket_sums), std::move(bit_groups));
  const Buffer out = ctx_.alloc(sizeof(G1JacobianLimbs));
  ctx_.run(horner_, 1, bit_sums, horner_terms, out);
  ctx_.read(out, &result, sizeof result);
  return result;
}

Buffer OpenClMsm::sum_groups(Buffer points, std::vector<std::vector<std::uint32_t>> groups) {
  for (const PointLists& pass : plan_group_sums(std::move(groups), kFanIn))
    points = sum_lists(false, points, pass);
  return points;
}

Buffer OpenClMsm::sum_lists(bool from_table, const Buffer& points, const PointLists& lists) {
  const Buffer entries = ctx_.upload(std::span(lists.entries));
  const Buffer offsets = ctx_.upload(std::span(lists.offsets));
  Buffer out = ctx_.alloc(lists.size() * sizeof(G1JacobianLimbs));
  // The unused one of the two point arguments gets the same buffer; the kernel never reads it.
  ctx_.run(sum_lists_, lists.size(), points, points, cl_uint{from_table ? 1u : 0u}, entries,
           offsets, static_cast<cl_uint>(lists.size()), out);
  // The in-order queue runs this kernel before any later command; OpenCL keeps the entry
  // and offset buffers alive until the kernel that uses them has finished.
  return out;
}

}  // namespace proofgrid::opencl
