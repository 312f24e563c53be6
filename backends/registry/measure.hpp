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

// The smallest wall time of `runs` calls, and the process CPU time of that call (all threads;
// on a machine shared with other work the steadier figure), in seconds.
struct Timing {
  double wall = 0;
  double cpu = 0;
};
Timing best_of(int runs, const std::function<void()>& fn);

struct MeasureSpec {
  std::size_t msm_n = 64;
  bool msm_fixed = false;      // over a FixedBaseTable (as commit uses them), else one-shot
  std::size_t fft_n = 0;       // 0: no FFT figure
  std::size_t vdf_jobs = 1;    // batch size
  std::uint32_t vdf_t = 500;   // squarings per job
  int runs = 3;
};

struct Measurement {
  Timing msm;                  // seconds per MSM
  std::optional<Timing> fft;   // seconds per FFT
  Timing vdf;                  // seconds per batch, proofs included
  double vdf_squarings = 0;    // in one batch
  double msm_ms() const { return 1e3 * msm.wall; }
  double vdf_squarings_per_second() const { return vdf_squarings / vdf.wall; }
};

// One untimed warm-up of each kernel (device programs, caches, the jobs' groups), then the best
// of spec.runs. The MSM's fixed-base table is built before timing.
Measurement measure(Backend& backend, const MeasureSpec& spec);

}  // namespace proofgrid::backends
