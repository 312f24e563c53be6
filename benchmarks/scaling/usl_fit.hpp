#pragma once
// The Universal Scalability Law (Gunther): throughput of N workers
//
//   X(N) = λ N / (1 + σ (N − 1) + κ N (N − 1))
//
// λ is one worker's throughput, σ the contention (the serial share: shared caches, memory
// bandwidth, the machine's other load), κ the coherency cost (work that grows with every
// pair of workers). σ, κ >= 0. Fitted by damped Gauss–Newton (Levenberg–Marquardt, Eigen)
// on measured (N, X) points.
#include <optional>
#include <string>
#include <vector>

namespace proofgrid::bench {

struct UslPoint {
  double n = 0;  // workers
  double x = 0;  // throughput (any unit; λ comes out in the same unit)
};

struct UslModel {
  double lambda = 0, sigma = 0, kappa = 0;
  double throughput(double n) const;
  // The worker count with the highest throughput (∞ when κ = 0: returns nullopt).
  std::optional<double> peak_workers() const;
  // Round-time factor of N workers against one: λ N / X(N) = 1 + σ(N−1) + κN(N−1).
  double slowdown(double n) const;
};

struct UslFit {
  UslModel model;
  double r2 = 0;             // coefficient of determination on the points
  double rmse = 0;           // root mean square residual, throughput units
  int distinct_counts = 0;   // distinct N among the points
  int iterations = 0;
  bool determined = false;   // enough distinct N (>= 4) for three free parameters
  std::string note;          // what the fit could and could not determine, for the output
};

// r² = 1 − SS_res / SS_tot of `predicted` against `observed` (same length, >= 1). A constant
// series has r² = 1 when predicted exactly, else 0.
double r_squared(const std::vector<double>& observed, const std::vector<double>& predicted);

// Fits λ, σ, κ. With fewer than three distinct N the problem is underdetermined: κ is held at
// 0 (two counts) or σ and κ both (one count), and the note says so. Throws
// std::invalid_argument for no points or a point with N < 1 or X <= 0.
UslFit fit_usl(const std::vector<UslPoint>& points);

}  // namespace proofgrid::bench
