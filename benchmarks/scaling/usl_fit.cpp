#include "benchmarks/scaling/usl_fit.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include <Eigen/Dense>

namespace proofgrid::bench {

double UslModel::slowdown(double n) const { return 1 + sigma * (n - 1) + kappa * n * (n - 1); }

double UslModel::throughput(double n) const { return lambda * n / slowdown(n); }

std::optional<double> UslModel::peak_workers() const {
  if (kappa <= 0) return std::nullopt;
  // dX/dN = 0 at N* = sqrt((1 − σ) / κ).
  return std::sqrt(std::max(0.0, 1 - sigma) / kappa);
}

double r_squared(const std::vector<double>& observed, const std::vector<double>& predicted) {
  if (observed.empty() || observed.size() != predicted.size())
    throw std::invalid_argument("r_squared: observed and predicted must be non-empty and of equal length");
  double mean = 0;
  for (double y : observed) mean += y;
  mean /= static_cast<double>(observed.size());
  double ss_res = 0, ss_tot = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    ss_res += (observed[i] - predicted[i]) * (observed[i] - predicted[i]);
    ss_tot += (observed[i] - mean) * (observed[i] - mean);
  }
  if (ss_tot == 0) return ss_res == 0 ? 1.0 : 0.0;
  return 1 - ss_res / ss_tot;
}

namespace {

using Vec3 = Eigen::Vector3d;

UslModel from(const Vec3& p) { return {p[0], p[1], p[2]}; }

double sse(const std::vector<UslPoint>& pts, const Vec3& p) {
  const UslModel m = from(p);
  double s = 0;
  for (const auto& q : pts) s += (m.throughput(q.n) - q.x) * (m.throughput(q.n) - q.x);
  return s;
}

// Keeps the parameters where the model means something: λ > 0, σ, κ >= 0.
void project(Vec3& p) {
  p[0] = std::max(p[0], 1e-12);
  p[1] = std::max(p[1], 0.0);
  p[2] = std::max(p[2], 0.0);
}

struct Run {
  Vec3 p;
  double sse;
  int iterations;
};

// Levenberg–Marquardt from `p` over the parameters marked in `free` (the others stay fixed).
// Residuals are relative (r_i / x_i) so that large-N points do not drown small-N ones.
Run levenberg_marquardt(const std::vector<UslPoint>& pts, Vec3 p, const Eigen::Array3d& free) {
  const auto n = static_cast<Eigen::Index>(pts.size());
  auto weighted_sse = [&](const Vec3& q) {
    const UslModel m = from(q);
    double s = 0;
    for (const auto& pt : pts) s += std::pow((m.throughput(pt.n) - pt.x) / pt.x, 2);
    return s;
  };
  double mu = 1e-3, cost = weighted_sse(p);
  int it = 0;
  bool converged = false;
  for (; it < 500 && !converged; ++it) {
    Eigen::MatrixXd J(n, 3);
    Eigen::VectorXd r(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double N = pts[static_cast<std::size_t>(i)].n, x = pts[static_cast<std::size_t>(i)].x;
      const double d = 1 + p[1] * (N - 1) + p[2] * N * (N - 1);
      r[i] = (p[0] * N / d - x) / x;
      J(i, 0) = N / d / x * free[0];
      J(i, 1) = -p[0] * N * (N - 1) / (d * d) / x * free[1];
      J(i, 2) = -p[0] * N * N * (N - 1) / (d * d) / x * free[2];
    }
    Eigen::Matrix3d A = J.transpose() * J;
    const Vec3 g = J.transpose() * r;
    if (g.lpNorm<Eigen::Infinity>() < 1e-15) break;
    bool improved = false;
    while (mu < 1e12) {
      Eigen::Matrix3d damped = A;
      for (int k = 0; k < 3; ++k) damped(k, k) += mu * std::max(A(k, k), 1e-12) + (free[k] == 0 ? 1.0 : 0.0);
      Vec3 step = damped.ldlt().solve(-g);
      step = (step.array() * free).matrix();
      Vec3 candidate = p + step;
      project(candidate);
      const double c = weighted_sse(candidate);
      if (c < cost) {
        const double gain = cost - c;
        p = candidate;
        cost = c;
        mu = std::max(mu / 3, 1e-12);
        improved = true;
        converged = gain < 1e-16 * std::max(1.0, cost);
        break;
      }
      mu *= 4;
    }
    if (!improved) break;
  }
  return {p, sse(pts, p), it};
}

}  // namespace

UslFit fit_usl(const std::vector<UslPoint>& points) {
  if (points.empty()) throw std::invalid_argument("fit_usl: no points to fit");
  std::set<double> counts;
  double lambda0 = 0;
  for (const auto& q : points) {
    if (!(q.n >= 1) || !(q.x > 0))
      throw std::invalid_argument("fit_usl: every point needs N >= 1 workers and a throughput above 0");
    counts.insert(q.n);
    lambda0 = std::max(lambda0, q.x / q.n);
  }
  UslFit fit;
  fit.distinct_counts = static_cast<int>(counts.size());
  Eigen::Array3d free(1, 1, 1);
  if (fit.distinct_counts == 1) {
    free << 1, 0, 0;
    fit.note = "one worker count measured: only lambda is fitted, sigma and kappa are held at 0 "
               "(no scaling information); measure more worker counts (--full)";
  } else if (fit.distinct_counts == 2) {
    free << 1, 1, 0;
    fit.note = "two worker counts measured: the three-parameter fit is underdetermined, so kappa "
               "is held at 0 and r2 = 1 says nothing; predictions assume no coherency cost. "
               "Run --full for more points (oversubscription) before trusting them";
  } else if (fit.distinct_counts == 3) {
    fit.note = "three worker counts for three parameters: the fit passes through the points, "
               "r2 says little; --full measures more counts";
  } else {
    fit.determined = true;
    fit.note = "fitted on " + std::to_string(fit.distinct_counts) + " worker counts";
  }
  // Several starts: the USL surface has flat valleys (σ and κ trade off at small N).
  Run best{Vec3(lambda0, 0, 0), 1e300, 0};
  for (double s0 : {0.0, 0.05, 0.3})
    for (double k0 : {0.0, 1e-3, 3e-2}) {
      Vec3 start(lambda0, free[1] ? s0 : 0.0, free[2] ? k0 : 0.0);
      const Run r = levenberg_marquardt(points, start, free);
      if (r.sse < best.sse) best = r;
    }
  fit.model = from(best.p);
  fit.iterations = best.iterations;
  std::vector<double> obs, pred;
  for (const auto& q : points) {
    obs.push_back(q.x);
    pred.push_back(fit.model.throughput(q.n));
  }
  fit.r2 = r_squared(obs, pred);
  fit.rmse = std::sqrt(best.sse / static_cast<double>(points.size()));
  return fit;
}

}  // namespace proofgrid::bench
