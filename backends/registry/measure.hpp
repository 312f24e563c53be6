#pragma once
// Timing a backend's kernels, shared by the auto calibration (small sizes, a second or two)
// and `proofgrid bench backends` (N = 1024). Inputs are deterministic; nothing here asserts a
// speed.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/backend/backend.hpp"

namespace proofgrid::backends {

// n distinct G1 points (multiples of a fixed random point) and n scalars below 2^512 (the
// width of the KZG data chunks), from `seed`.
std::vector<kzg::G1Affine> sample_points(std::size_t n, std::uint64_t seed);
std::vector<kzg::Scalar> sample_scalars(std::size_t n, std::uint64_t seed);
// `count` VDF jobs of difficulty T with challenges SHA3-256("proofgrid/measure/<label>/<i>").
std::vector<VdfJob> sample_vdf_jobs(std::size_t count, std::uint32_t difficulty, const std::string& label);

// The smallest wall time of `runs` calls, in seconds.
double best_seconds(int runs, const std::function<void()>& fn);

struct MeasureSpec {
  std::size_t msm_n = 64;
  bool msm_fixed = false;      // over a FixedBaseTable (as commit uses them), else one-shot
  std::size_t fft_n = 0;       // 0: no FFT figure
  std::size_t vdf_jobs = 1;    // batch size
  std::uint32_t vdf_t = 500;   // squarings per job
  int runs = 3;
};

struct Measurement {
  double msm_ms = 0;
  std::optional<double> fft_ms;
  double vdf_squarings_per_second = 0;  // summed over the batch, proofs included
};

// One untimed warm-up of each kernel (device programs, caches, the jobs' groups), then the best
// of spec.runs. The MSM's fixed-base table is built before timing.
Measurement measure(Backend& backend, const MeasureSpec& spec);

}  // namespace proofgrid::backends
