#pragma once
// Class-group VDF chains on an OpenCL device: one work-item per chain squares the generator
// of its discriminant T times (NUDUPL with exact reduction, multi-precision arithmetic in the
// kernel), so one worker process serves many slots from one GPU. It returns y = x^(2^T) and
// the checkpoints x^(2^(i kappa)) from which the CPU finishes the Wesolowski proof.
#include <cstdint>
#include <span>
#include <vector>

#include "backends/opencl/cl_context.hpp"
#include "engine/backend/cancel.hpp"
#include "engine/common/bytes.hpp"

namespace proofgrid::opencl {

struct VdfJob {
  Bytes discriminant;        // |D|, big-endian magnitude (D = -|D|, 2048 bits, D = 1 mod 8)
  std::uint32_t iterations;  // T
  std::uint32_t kappa = 0;   // checkpoint spacing of this chain; 0: solve()'s kappa argument
};

struct VdfChainResult {
  Bytes y;                         // Enc(x^(2^T)), 258 bytes (VDF spec 5)
  std::vector<Bytes> checkpoints;  // Enc(x^(2^(i kappa))) for i = 0 .. floor(T / kappa)
};

class OpenClVdf {
 public:
  explicit OpenClVdf(OpenClContext& ctx);

  // Runs all chains at once; each chain's kappa (its own, else the argument) must be >= 1, so
  // chains of different T can keep the spacing proof_plan(T) wants. Between kernel launches (each bounded to roughly
  // launch_seconds()) it checks `cancel` and throws Cancelled. Throws std::invalid_argument
  // for a malformed discriminant and std::runtime_error if a chain reports a fault.
  std::vector<VdfChainResult> solve(std::span<const VdfJob> jobs, std::uint32_t kappa,
                                    const CancelToken* cancel = nullptr);

  // Target duration of one launch; the number of squarings per launch adapts to it.
  void set_launch_seconds(double s) noexcept { launch_seconds_ = s; }
  double launch_seconds() const noexcept { return launch_seconds_; }

 private:
  OpenClContext& ctx_;
  Kernel square_;
  double launch_seconds_ = 0.25;
};

}  // namespace proofgrid::opencl
