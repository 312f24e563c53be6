// Fast MSMs against a naive double-and-add reference, including the cases batch-affine
// bucket additions must special-case (equal points, opposite points, infinity, zeros).
#include <catch2/catch.hpp>

#include "engine/kzg/msm.hpp"
#include "engine/kzg/signed_digits.hpp"
#include "tests/unit/kzg/test_helpers.hpp"

namespace proofgrid::kzg {
namespace {

G1Jacobian naive_msm(std::span<const G1Affine> bases, std::span<const Scalar> scalars) {
  G1Jacobian acc;
  for (std::size_t i = 0; i < scalars.size(); ++i) acc = add(acc, test::naive_mul(bases[i], scalars[i]));
  return acc;
}

std::vector<G1Affine> random_bases(std::mt19937_64& rng, std::size_t n) {
  std::vector<G1Jacobian> j(n);
  for (auto& p : j) p = scalar_mul(g1_generator(), test::random_scalar_below_r(rng));
  std::vector<G1Affine> a(n);
  batch_to_affine(j, a);
  return a;
}

TEST_CASE("signed digits reconstruct the scalar", "[kzg][msm]") {
  std::mt19937_64 rng(20);
  for (unsigned c : {2U, 5U, 9U, 11U, 16U}) {
    for (int rep = 0; rep < 20; ++rep) {
      const Scalar k = test::random_scalar_below_r(rng);
      std::vector<std::int32_t> d(signed_windows(518, c));
      REQUIRE(signed_digits(k, c, d));
      test::Mpz acc, term;
      for (std::size_t j = d.size(); j-- > 0;) {
        CHECK(std::abs(d[j]) <= (1 << (c - 1)));
        mpz_mul_2exp(acc.v, acc.v, c);
        if (d[j] >= 0) mpz_add_ui(acc.v, acc.v, static_cast<unsigned long>(d[j]));
        else mpz_sub_ui(acc.v, acc.v, static_cast<unsigned long>(-d[j]));
      }
      test::Mpz expect;
      test::set_mpz(expect, k);
      REQUIRE(mpz_cmp(acc.v, expect.v) == 0);
    }
  }
  Scalar wide{};
  wide[8] = 1ULL << 10;  // 2^522: too wide for 518-bit windows
  std::vector<std::int32_t> d(signed_windows(518, 9));
  CHECK_FALSE(signed_digits(wide, 9, d));
}

TEST_CASE("msm and msm_fixed equal the naive sum on random inputs", "[kzg][msm]") {
  std::mt19937_64 rng(21);
  for (std::size_t n : {1U, 2U, 3U, 17U, 64U}) {
    const auto bases = random_bases(rng, n);
    std::vector<Scalar> scalars(n);
    for (auto& s : scalars) s = test::random_scalar_below_r(rng);
    const G1Jacobian expect = naive_msm(bases, scalars);
    CHECK(equal(msm(bases, scalars), expect));
    for (unsigned c : {0U, 3U, 8U}) {
      const FixedBaseTable table = make_fixed_base_table(bases, 518, c);
      CHECK(equal(msm_fixed(table, scalars), expect));
    }
  }
}

TEST_CASE("msm special cases: repeats, opposites, infinity, zero and extreme scalars", "[kzg][msm]") {
  std::mt19937_64 rng(22);
  auto bases = random_bases(rng, 12);
  bases[1] = bases[0];            // same point twice: bucket sums must double
  bases[2] = neg(bases[0]);       // opposite points: bucket sums must cancel
  bases[3] = G1Affine{};          // infinity base
  bases[4] = bases[0];
  std::vector<Scalar> scalars(12);
  for (auto& s : scalars) s = test::random_scalar_below_r(rng);
  scalars[1] = scalars[0];
  scalars[2] = scalars[0];
  scalars[5] = Scalar{};
  scalars[6] = kGroupOrder;
  scalars[6][0] -= 1;  // r - 1
  scalars[7] = Scalar{};
  scalars[7][0] = 1;
  const G1Jacobian expect = naive_msm(bases, scalars);
  CHECK(equal(msm(bases, scalars), expect));
  CHECK(equal(msm_fixed(make_fixed_base_table(bases, 518), scalars), expect));
  // All scalars equal and small: every term lands in the same few buckets.
  std::vector<Scalar> ones(12, Scalar{});
  for (auto& s : ones) s[0] = 0x0101010101010101ULL;
  CHECK(equal(msm_fixed(make_fixed_base_table(bases, 518, 8), ones), naive_msm(bases, ones)));
  // Everything cancels to infinity.
  std::vector<G1Affine> pm{bases[0], neg(bases[0])};
  std::vector<Scalar> same{scalars[0], scalars[0]};
  CHECK(is_infinity(msm(pm, same)));
  CHECK(is_infinity(msm_fixed(make_fixed_base_table(pm, 518), same)));
}

TEST_CASE("msm_fixed: fewer scalars than bases, and contract violations", "[kzg][msm]") {
  std::mt19937_64 rng(23);
  const auto bases = random_bases(rng, 8);
  std::vector<Scalar> scalars(5);
  for (auto& s : scalars) s = test::random_scalar_below_r(rng);
  const FixedBaseTable table = make_fixed_base_table(bases, 518);
  CHECK(table.memory_bytes() >= table.points.size() * sizeof(G1Affine));
  CHECK(equal(msm_fixed(table, scalars), naive_msm(std::span(bases).first(5), scalars)));
  std::vector<Scalar> too_many(9);
  CHECK_THROWS_AS(msm_fixed(table, too_many), std::invalid_argument);
  const FixedBaseTable narrow = make_fixed_base_table(bases, 256);
  CHECK_THROWS_WITH(msm_fixed(narrow, scalars), Catch::Contains("wider"));
  CHECK_THROWS_AS(msm(bases, scalars), std::invalid_argument);
}

}  // namespace
}  // namespace proofgrid::kzg
