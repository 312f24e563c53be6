// The USL fit recovers known parameters from synthetic measurements, and says when it cannot.
#include <cmath>
#include <random>

#include <catch2/catch.hpp>

#include "benchmarks/scaling/usl_fit.hpp"

using namespace proofgrid::bench;

namespace {

std::vector<UslPoint> synthetic(const UslModel& m, const std::vector<double>& counts, double noise, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> n01(0.0, 1.0);
  std::vector<UslPoint> pts;
  for (double n : counts) pts.push_back({n, m.throughput(n) * (1 + noise * n01(rng))});
  return pts;
}

}  // namespace

TEST_CASE("USL fit recovers sigma and kappa from noise-free data", "[bench][usl]") {
  const UslModel truth{10.0, 0.05, 0.002};
  const UslFit fit = fit_usl(synthetic(truth, {1, 2, 4, 8, 16, 32, 48, 64}, 0.0, 1));
  CHECK(fit.determined);
  CHECK(fit.model.lambda == Approx(10.0).epsilon(1e-4));
  CHECK(fit.model.sigma == Approx(0.05).epsilon(1e-3));
  CHECK(fit.model.kappa == Approx(0.002).epsilon(1e-3));
  CHECK(fit.r2 == Approx(1.0).margin(1e-9));
}

TEST_CASE("USL fit recovers sigma and kappa within noise", "[bench][usl]") {
  const UslModel truth{4.0, 0.08, 0.0015};
  for (unsigned seed : {2u, 3u, 4u}) {
    INFO("seed " << seed);
    const UslFit fit = fit_usl(synthetic(truth, {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64}, 0.01, seed));
    CHECK(fit.model.lambda == Approx(4.0).epsilon(0.05));
    CHECK(fit.model.sigma == Approx(0.08).margin(0.03));
    CHECK(fit.model.kappa == Approx(0.0015).margin(0.0006));
    CHECK(fit.r2 > 0.98);
    CHECK(fit.r2 < 1.0);
    // The peak of the fitted curve lands near the true one, sqrt((1 - σ) / κ) ≈ 24.8.
    REQUIRE(fit.model.peak_workers());
    CHECK(*fit.model.peak_workers() == Approx(24.76).epsilon(0.2));
  }
}

TEST_CASE("USL fit of linear scaling gives zero contention and coherency", "[bench][usl]") {
  const UslFit fit = fit_usl({{1, 3}, {2, 6}, {4, 12}, {8, 24}});
  CHECK(fit.model.sigma == Approx(0).margin(1e-6));
  CHECK(fit.model.kappa == Approx(0).margin(1e-6));
  CHECK_FALSE(fit.model.peak_workers());
  CHECK(fit.model.throughput(64) == Approx(192).epsilon(1e-4));
}

TEST_CASE("USL fit with two worker counts holds kappa at 0 and says so", "[bench][usl]") {
  // 2 workers give 1.8x: σ = 2 / 1.8 - 1 = 0.111...
  const UslFit fit = fit_usl({{1, 5.0}, {2, 9.0}});
  CHECK_FALSE(fit.determined);
  CHECK(fit.distinct_counts == 2);
  CHECK(fit.model.kappa == 0);
  CHECK(fit.model.sigma == Approx(1.0 / 9).epsilon(1e-4));
  CHECK(fit.note.find("underdetermined") != std::string::npos);
}

TEST_CASE("USL fit with one worker count fits lambda only", "[bench][usl]") {
  const UslFit fit = fit_usl({{1, 5.0}, {1, 7.0}});
  // Residuals are relative (r / x), so the least-squares λ weights each point by 1 / x².
  CHECK(fit.model.lambda == Approx((1.0 / 5 + 1.0 / 7) / (1.0 / 25 + 1.0 / 49)).epsilon(1e-4));
  CHECK(fit.model.sigma == 0);
  CHECK(fit.model.kappa == 0);
  CHECK(fit.note.find("one worker count") != std::string::npos);
}

TEST_CASE("USL fit refuses points it cannot use", "[bench][usl]") {
  CHECK_THROWS_AS(fit_usl({}), std::invalid_argument);
  CHECK_THROWS_AS(fit_usl({{0, 1}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_usl({{1, 0}}), std::invalid_argument);
}

TEST_CASE("r squared against hand-computed values", "[bench][usl]") {
  // mean 2, SS_tot = 2, SS_res = 0.25 + 0 + 0.25 = 0.5 -> 0.75
  CHECK(r_squared({1, 2, 3}, {1.5, 2, 2.5}) == Approx(0.75));
  CHECK(r_squared({1, 2, 3}, {1, 2, 3}) == Approx(1.0));
  // Predicting the mean explains nothing; worse than the mean is negative.
  CHECK(r_squared({1, 2, 3}, {2, 2, 2}) == Approx(0.0));
  CHECK(r_squared({1, 2, 3}, {3, 2, 1}) == Approx(-3.0));
  CHECK(r_squared({4, 4}, {4, 4}) == 1.0);
  CHECK(r_squared({4, 4}, {4, 5}) == 0.0);
  CHECK_THROWS_AS(r_squared({1, 2}, {1}), std::invalid_argument);
}

TEST_CASE("USL slowdown is the round-time factor of N workers", "[bench][usl]") {
  const UslModel m{2.0, 0.1, 0.01};
  CHECK(m.slowdown(1) == 1.0);
  CHECK(m.slowdown(4) == Approx(1 + 0.3 + 0.12));
  CHECK(m.throughput(4) == Approx(2.0 * 4 / 1.42));
}
