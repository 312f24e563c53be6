// Host-side MSM planning, no device: digits recombine to the scalar, every table entry lands
// in its bucket exactly once, and summing passes cover every group member once.
#include "backends/opencl/msm_plan.hpp"

#include <gmpxx.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "tests/unit/opencl/bls_oracle.hpp"

namespace proofgrid::test {
namespace {

using namespace proofgrid::opencl;

// `count` random scalars of `bits` bits, then a zero one.
std::vector<ScalarLimbs> random_scalars(unsigned long seed, int count, unsigned bits) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(seed);
  std::vector<ScalarLimbs> scalars;
  for (int i = 0; i < count; ++i) scalars.push_back(bls::scalar_limbs(rng.get_z_bits(bits)));
  scalars.push_back(ScalarLimbs{});
  return scalars;
}

mpz_class recombine(const std::vector<std::int32_t>& digits, unsigned c) {
  mpz_class v = 0;
  for (std::size_t w = digits.size(); w-- > 0;) v = (v << c) + digits[w];
  return v;
}

}  // namespace

TEST_CASE("signed MSM digits recombine to the scalar and stay in bucket range", "[opencl][plan]") {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(7);
  for (unsigned bits : {1u, 64u, 512u, 518u, 576u}) {
    for (std::size_t n : {1u, 128u, 1024u, 65536u}) {
      const MsmShape shape = choose_msm_shape(n, bits);
      INFO("bits " << bits << " n " << n << " c " << shape.window_bits);
      REQUIRE(shape.window_bits * shape.windows >= bits + 1);
      for (int trial = 0; trial < 20; ++trial) {
        mpz_class s = trial == 0 ? (mpz_class(1) << bits) - 1 : mpz_class(rng.get_z_bits(bits));
        const auto digits = signed_digits(bls::scalar_limbs(s), shape);
        REQUIRE(recombine(digits, shape.window_bits) == s);
        for (std::int32_t d : digits)
          REQUIRE(static_cast<std::uint32_t>(d < 0 ? -d : d) <= shape.buckets());
      }
    }
  }
}

TEST_CASE("bucket plans place every non-zero digit once, in chunks of bounded length",
          "[opencl][plan]") {
  const std::vector<ScalarLimbs> scalars = random_scalars(11, 50, 200);
  const MsmShape shape = choose_msm_shape(scalars.size(), 200);
  const BucketPlan plan = plan_buckets(scalars, shape, 3);
  CHECK(plan.chunks.longest() <= 3);
  // Rebuild every scalar from the plan: sum over buckets b of sign * b * 2^(c w).
  std::vector<mpz_class> rebuilt(scalars.size(), 0);
  for (std::size_t b = 0; b < plan.bucket_chunks.size(); ++b)
    for (std::uint32_t chunk : plan.bucket_chunks[b])
      for (std::uint32_t k = plan.chunks.offsets[chunk]; k < plan.chunks.offsets[chunk + 1]; ++k) {
        const std::uint32_t e = plan.chunks.entries[k];
        const std::size_t index = e >> 1;
        const std::size_t w = index / scalars.size();
        const std::size_t i = index % scalars.size();
        const mpz_class term = mpz_class(static_cast<unsigned long>(b + 1))
                               << (shape.window_bits * w);
        rebuilt[i] += (e & 1) ? -term : term;
      }
  for (std::size_t i = 0; i < scalars.size(); ++i)
    CHECK(rebuilt[i] == bls::from_limbs(scalars[i].limb));
}

TEST_CASE("group-sum passes reduce each group to one point", "[opencl][plan]") {
  std::vector<std::vector<std::uint32_t>> groups{
      {}, {4}, {0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11}, {12, 13}};
  const auto passes = plan_group_sums(groups, 3);
  REQUIRE(passes.size() == 3);  // 11 -> 4 pieces -> 2 -> 1
  // Simulate with sets of original indices standing in for points.
  std::vector<std::multiset<std::uint32_t>> points;
  for (std::uint32_t i = 0; i < 14; ++i) points.push_back({i});
  for (const PointLists& pass : passes) {
    CHECK(pass.longest() <= 3);
    std::vector<std::multiset<std::uint32_t>> next(pass.size());
    for (std::size_t j = 0; j < pass.size(); ++j)
      for (std::uint32_t k = pass.offsets[j]; k < pass.offsets[j + 1]; ++k)
        next[j].insert(points[pass.entries[k]].begin(), points[pass.entries[k]].end());
    points = std::move(next);
  }
  REQUIRE(points.size() == groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g)
    CHECK(points[g] == std::multiset<std::uint32_t>(groups[g].begin(), groups[g].end()));
  CHECK_THROWS_AS(plan_group_sums(groups, 1), std::invalid_argument);
}

TEST_CASE("bucket bit groups weight bucket b by b", "[opencl][plan]") {
  const MsmShape shape{5, 10};
  const auto groups = bucket_bit_groups(shape);
  REQUIRE(groups.size() == 5);
  std::map<std::uint32_t, std::uint32_t> weight;
  for (unsigned k = 0; k < groups.size(); ++k)
    for (std::uint32_t b : groups[k]) weight[b] += 1u << k;
  for (std::uint32_t b = 1; b <= shape.buckets(); ++b) CHECK(weight[b - 1] == b);
}

}  // namespace proofgrid::test

namespace proofgrid::test {
namespace {

TEST_CASE("bases-only plans: per-window buckets over the bases rebuild every scalar",
          "[opencl][plan]") {
  const std::vector<ScalarLimbs> scalars = random_scalars(12, 40, 300);
  const MsmShape shape = choose_msm_shape(scalars.size(), 300, MsmTable::kBasesOnly);
  // Per-window buckets cost W times more to combine, so the window is never wider.
  CHECK(shape.window_bits <= choose_msm_shape(scalars.size(), 300).window_bits);
  const BucketPlan plan = plan_buckets(scalars, shape, 4, MsmTable::kBasesOnly);
  REQUIRE(plan.bucket_chunks.size() == std::size_t{shape.windows} * shape.buckets());
  CHECK(plan.chunks.longest() <= 4);
  // The weight of a bucket from its position (window w, value b) and the Horner groups agree.
  const auto groups = bucket_bit_groups(shape, MsmTable::kBasesOnly);
  REQUIRE(groups.size() == std::size_t{shape.windows} * shape.window_bits);
  std::vector<mpz_class> bucket_weight(plan.bucket_chunks.size(), 0);
  for (std::size_t j = 0; j < groups.size(); ++j)
    for (std::uint32_t bucket : groups[j]) bucket_weight[bucket] += mpz_class(1) << j;
  std::vector<mpz_class> rebuilt(scalars.size(), 0);
  for (std::size_t bucket = 0; bucket < plan.bucket_chunks.size(); ++bucket) {
    const std::size_t w = bucket / shape.buckets(), b = bucket % shape.buckets() + 1;
    const mpz_class expected = mpz_class(static_cast<unsigned long>(b)) << (shape.window_bits * w);
    CHECK(bucket_weight[bucket] == expected);
    for (std::uint32_t chunk : plan.bucket_chunks[bucket])
      for (std::uint32_t k = plan.chunks.offsets[chunk]; k < plan.chunks.offsets[chunk + 1]; ++k) {
        const std::uint32_t e = plan.chunks.entries[k];
        REQUIRE((e >> 1) < scalars.size());  // entries name bases, not table rows
        rebuilt[e >> 1] += (e & 1) ? -bucket_weight[bucket] : bucket_weight[bucket];
      }
  }
  for (std::size_t i = 0; i < scalars.size(); ++i) CHECK(rebuilt[i] == bls::from_limbs(scalars[i].limb));
}

}  // namespace
}  // namespace proofgrid::test
