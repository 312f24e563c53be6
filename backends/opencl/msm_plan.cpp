#include "backends/opencl/msm_plan.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace proofgrid::opencl {

void PointLists::add(std::span<const std::uint32_t> list) {
  entries.insert(entries.end(), list.begin(), list.end());
  offsets.push_back(static_cast<std::uint32_t>(entries.size()));
}

std::size_t PointLists::longest() const noexcept {
  std::size_t m = 0;
  for (std::size_t j = 0; j + 1 < offsets.size(); ++j)
    m = std::max<std::size_t>(m, offsets[j + 1] - offsets[j]);
  return m;
}

MsmShape choose_msm_shape(std::size_t n, unsigned scalar_bits, MsmTable table) {
  MsmShape best;
  double best_cost = std::numeric_limits<double>::max();
  for (unsigned c = 4; c <= 16; ++c) {
    const unsigned windows = (scalar_bits + 1 + c - 1) / c;
    const double combine = static_cast<double>(c) * (1u << (c - 1));
    const double cost = static_cast<double>(n) * windows +
                        (table == MsmTable::kWindowTable ? combine : windows * (combine / 2 + 2.0 * c));
    if (cost < best_cost) {
      best_cost = cost;
      best = {c, windows};
    }
  }
  return best;
}

unsigned scalar_bit_length(const ScalarLimbs& s) {
  for (std::size_t i = s.limb.size(); i-- > 0;)
    if (s.limb[i]) return static_cast<unsigned>(64 * i + 64 - __builtin_clzll(s.limb[i]));
  return 0;
}

std::vector<std::int32_t> signed_digits(const ScalarLimbs& s, const MsmShape& shape) {
  const unsigned c = shape.window_bits;
  const std::int64_t half = std::int64_t{1} << (c - 1);
  std::vector<std::int32_t> digits(shape.windows);
  std::int64_t carry = 0;
  for (unsigned w = 0; w < shape.windows; ++w) {
    // Bits [c*w, c*w + c) of the scalar; c <= 16 so they span at most two limbs.
    const unsigned bit = c * w;
    std::uint64_t raw = 0;
    if (bit / 64 < s.limb.size()) {
      raw = s.limb[bit / 64] >> (bit % 64);
      if (bit % 64 + c > 64 && bit / 64 + 1 < s.limb.size())
        raw |= s.limb[bit / 64 + 1] << (64 - bit % 64);
    }
    const std::int64_t v = static_cast<std::int64_t>(raw & ((std::uint64_t{1} << c) - 1)) + carry;
    // Digits in [-2^(c-1) + 1, 2^(c-1)]: bucket indices 1 .. 2^(c-1), sign by negating y.
    carry = v > half ? 1 : 0;
    digits[w] = static_cast<std::int32_t>(v - (carry << c));
  }
  if (carry) throw std::logic_error("signed_digits: scalar too wide for the MSM shape");
  return digits;
}

BucketPlan plan_buckets(std::span<const ScalarLimbs> scalars, const MsmShape& shape,
                        unsigned chunk_len, MsmTable table) {
  const std::size_t n = scalars.size();
  const bool per_window = table == MsmTable::kBasesOnly;
  std::vector<std::vector<std::uint32_t>> bucket_entries(std::size_t{shape.buckets()} *
                                                         (per_window ? shape.windows : 1));
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<std::int32_t> digits = signed_digits(scalars[i], shape);
    for (unsigned w = 0; w < shape.windows; ++w) {
      const std::int32_t d = digits[w];
      if (d == 0) continue;
      const auto index = static_cast<std::uint32_t>(per_window ? i : w * n + i);
      const std::size_t bucket = (per_window ? std::size_t{w} * shape.buckets() : 0) +
                                 static_cast<std::size_t>(d < 0 ? -d : d) - 1;
      bucket_entries[bucket].push_back(index << 1 | (d < 0 ? 1u : 0u));
    }
  }
  BucketPlan plan;
  plan.bucket_chunks.resize(bucket_entries.size());
  for (std::size_t b = 0; b < bucket_entries.size(); ++b) {
    const std::vector<std::uint32_t>& e = bucket_entries[b];
    for (std::size_t start = 0; start < e.size(); start += chunk_len) {
      const std::size_t len = std::min<std::size_t>(chunk_len, e.size() - start);
      plan.bucket_chunks[b].push_back(static_cast<std::uint32_t>(plan.chunks.size()));
      plan.chunks.add(std::span(e).subspan(start, len));
    }
  }
  return plan;
}

std::vector<PointLists> plan_group_sums(std::vector<std::vector<std::uint32_t>> groups,
                                        unsigned fan_in) {
  if (fan_in < 2) throw std::invalid_argument("plan_group_sums: fan_in must be at least 2");
  std::vector<PointLists> passes;
  for (;;) {
    std::size_t longest = 0;
    for (const auto& g : groups) longest = std::max(longest, g.size());
    PointLists pass;
    if (longest <= fan_in) {
      for (const auto& g : groups) pass.add(g);  // one list per group: the final pass
      passes.push_back(std::move(pass));
      return passes;
    }
    // Cut every group into pieces; the pieces' sums form the groups of the next pass.
    std::vector<std::vector<std::uint32_t>> next(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g)
      for (std::size_t start = 0; start < groups[g].size(); start += fan_in) {
        const std::size_t len = std::min<std::size_t>(fan_in, groups[g].size() - start);
        next[g].push_back(static_cast<std::uint32_t>(pass.size()));
        pass.add(std::span(groups[g]).subspan(start, len));
      }
    passes.push_back(std::move(pass));
    groups = std::move(next);
  }
}

std::vector<std::vector<std::uint32_t>> bucket_bit_groups(const MsmShape& shape, MsmTable table) {
  const unsigned sets = table == MsmTable::kBasesOnly ? shape.windows : 1;
  const unsigned c = shape.window_bits;
  std::vector<std::vector<std::uint32_t>> groups(std::size_t{sets} * c);
  for (unsigned w = 0; w < sets; ++w)
    for (std::uint32_t b = 1; b <= shape.buckets(); ++b)
      for (unsigned k = 0; k < c; ++k)
        if (b >> k & 1) groups[std::size_t{w} * c + k].push_back(w * shape.buckets() + b - 1);
  return groups;
}

}  // namespace proofgrid::opencl
