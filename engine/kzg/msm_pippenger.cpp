// Variable-base MSM: GLV turns n scalars below r into 2n half-size scalars (k*P = k1*P +
// k2*(-phi(P)), glv.hpp), then Pippenger with signed c-bit digits. Each window's buckets are
// summed with batch-affine additions and reduced; windows run in parallel (oneTBB) and are
// combined with c doublings each.
#include <stdexcept>
#include <string>

#include <tbb/parallel_for.h>

#include "engine/kzg/bucket_sum.hpp"
#include "engine/kzg/g1.hpp"
#include "engine/kzg/glv.hpp"
#include "engine/kzg/msm.hpp"
#include "engine/kzg/signed_digits.hpp"

namespace proofgrid::kzg {
namespace {

// Per window: 2n additions at ~6 multiplications, the bucket reduction, c doublings at ~7.
unsigned best_window(std::size_t points, std::size_t bits) {
  return cheapest_window(2, 16, [&](unsigned c) {
    const double per_window = static_cast<double>(points) * 6.0 + reduction_cost(c) + c * 7.0;
    return per_window * static_cast<double>(signed_windows(bits, c));
  });
}

// Window j's digits are digits[j * n .. (j + 1) * n) for the n points.
template <class Point>
void window_sums_into(std::span<const Point> points, std::span<const std::int32_t> digits, std::size_t buckets,
                      std::span<G1Jacobian> out) {
  const std::size_t n = points.size();
  tbb::parallel_for(std::size_t{0}, out.size(), [&](std::size_t j) {
    const BucketTerms terms = bucket_terms(digits.subspan(j * n, n), buckets);
    std::vector<Point> sums(buckets);
    thread_local BucketSummerT<Point> summer;  // keeps its buffers warm across windows and calls
    summer.sum(points, terms, sums);
    out[j] = weighted_bucket_sum(std::span<const Point>(sums), summer);
  });
}

}  // namespace

G1Jacobian msm(std::span<const G1Affine> bases, std::span<const Scalar> scalars, Isa isa) {
  require_isa(isa, "msm");
  if (bases.size() != scalars.size()) {
    throw std::invalid_argument("msm: " + std::to_string(bases.size()) + " bases but " +
                                std::to_string(scalars.size()) + " scalars");
  }
  const std::size_t n = bases.size();
  if (n == 0) return G1Jacobian{};
  // GLV: points (P_i, -phi(P_i)) with half-size scalars.
  std::vector<G1Affine> points(2 * n);
  std::vector<Limbs<kGlvLimbs>> halves(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    const GlvSplit s = glv_split(scalars[i]);
    points[2 * i] = bases[i];
    points[2 * i + 1] = neg(endomorphism(bases[i]));
    halves[2 * i] = s.k1;
    halves[2 * i + 1] = s.k2;
  }
  const unsigned c = best_window(2 * n, kGlvBits);
  const std::size_t windows = signed_windows(kGlvBits, c);
  const std::size_t buckets = std::size_t{1} << (c - 1);
  std::vector<std::int32_t> digits(2 * n * windows);  // digit (i, j) at j * 2n + i
  std::vector<std::int32_t> row(windows);
  for (std::size_t i = 0; i < 2 * n; ++i) {
    if (!signed_digits(halves[i], c, row)) throw std::logic_error("msm: GLV half wider than 259 bits");
    for (std::size_t j = 0; j < windows; ++j) digits[j * 2 * n + i] = row[j];
  }
  std::vector<G1Jacobian> window_sums(windows);
  if (isa == Isa::kAvx512Ifma) {
    std::vector<G1Affine52> points52(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) points52[i] = to_affine52(points[i]);
    window_sums_into<G1Affine52>(points52, digits, buckets, window_sums);
  } else {
    window_sums_into<G1Affine>(points, digits, buckets, window_sums);
  }
  G1Jacobian acc = window_sums[windows - 1];
  for (std::size_t j = windows - 1; j-- > 0;) {
    for (unsigned d = 0; d < c; ++d) acc = dbl(acc);
    acc = add(acc, window_sums[j]);
  }
  return acc;
}

}  // namespace proofgrid::kzg
