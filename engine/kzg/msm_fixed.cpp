// MSM over precomputed fixed-base tables (SRS bases). Cost model per MSM, in field
// multiplications: n * windows * 6 (one batch-affine addition per non-zero digit) plus about
// 7 per bucket for the reduction (bucket_sum.hpp; counted: 43.5k multiplications for n = 128
// at c = 11, 273k for n = 1024 at c = 13); make_fixed_base_table picks c to minimise it.
#include <stdexcept>
#include <string>

#include <tbb/parallel_for.h>

#include "engine/kzg/bucket_sum.hpp"
#include "engine/kzg/g1.hpp"
#include "engine/kzg/msm.hpp"
#include "engine/kzg/signed_digits.hpp"

namespace proofgrid::kzg {
namespace {

unsigned best_fixed_window(std::size_t n, std::size_t bits) {
  return cheapest_window(4, 16, [&](unsigned c) {
    return static_cast<double>(n * signed_windows(bits, c)) * 6.0 + reduction_cost(c);
  });
}

// One bucket accumulation over all windows, then the reduction.
template <class Point>
G1Jacobian accumulate(std::span<const Point> points, const BucketTerms& terms, std::size_t buckets) {
  std::vector<Point> sums(buckets);
  thread_local BucketSummerT<Point> summer;  // keeps its buffers (MBs) warm across calls
  summer.sum(points, terms, sums);
  return weighted_bucket_sum(std::span<const Point>(sums), summer);
}

}  // namespace

FixedBaseTable make_fixed_base_table(std::span<const G1Affine> bases, std::size_t scalar_bits,
                                     unsigned window_bits) {
  FixedBaseTable t;
  t.window_bits = window_bits != 0 ? window_bits : best_fixed_window(bases.size(), scalar_bits);
  if (t.window_bits < 2 || t.window_bits > 20) throw std::invalid_argument("fixed-base window must be 2..20 bits");
  t.scalar_bits = scalar_bits;
  t.windows = signed_windows(scalar_bits, t.window_bits);
  t.count = bases.size();
  t.points.resize(t.count * t.windows);
  tbb::parallel_for(std::size_t{0}, t.count, [&](std::size_t i) {
    std::vector<G1Jacobian> column(t.windows);
    G1Jacobian cur = to_jacobian(bases[i]);
    for (std::size_t j = 0; j < t.windows; ++j) {
      column[j] = cur;
      for (unsigned d = 0; d < t.window_bits; ++d) cur = dbl(cur);
    }
    batch_to_affine(column, std::span<G1Affine>(t.points.data() + i * t.windows, t.windows));
  });
  return t;
}

std::span<const G1Affine52> FixedBaseTable::points52() const {
  std::call_once(ifma_->once, [this] {
    ifma_->points.resize(points.size());
    tbb::parallel_for(std::size_t{0}, points.size(), [&](std::size_t k) { ifma_->points[k] = to_affine52(points[k]); });
  });
  return ifma_->points;
}

std::size_t FixedBaseTable::memory_bytes() const {
  return points.capacity() * sizeof(G1Affine) + ifma_->points.capacity() * sizeof(G1Affine52);
}

G1Jacobian msm_fixed(const FixedBaseTable& table, std::span<const Scalar> scalars, Isa isa) {
  require_isa(isa, "msm_fixed");
  if (scalars.size() > table.count) {
    throw std::invalid_argument("msm_fixed: " + std::to_string(scalars.size()) + " scalars for a table of " +
                                std::to_string(table.count) + " bases");
  }
  const std::size_t w = table.windows;
  const std::size_t buckets = std::size_t{1} << (table.window_bits - 1);
  std::vector<std::int32_t> digits(scalars.size() * w);
  for (std::size_t i = 0; i < scalars.size(); ++i) {
    if (!signed_digits(scalars[i], table.window_bits, std::span<std::int32_t>(digits.data() + i * w, w))) {
      throw std::invalid_argument("msm_fixed: scalar " + std::to_string(i) + " is wider than the table's " +
                                  std::to_string(table.scalar_bits) + " bits");
    }
  }
  BucketTerms terms = bucket_terms(digits, buckets);
  if (isa == Isa::kAvx512Ifma) return accumulate<G1Affine52>(table.points52(), terms, buckets);
  return accumulate<G1Affine>(table.points, terms, buckets);
}

}  // namespace proofgrid::kzg
