#pragma once
// The opencl backend's VDF batch: discriminants on the CPU (cached groups), the squaring chains
// of every job at once on the device (y and the checkpoints x^(2^(i kappa)) with kappa =
// proof_plan(T).kappa() per job), then the Wesolowski proofs on the CPU from those checkpoints
// (vdf::finish_proof). The outputs equal vdf::solve byte for byte.
#include <mutex>
#include <span>
#include <vector>

#include <tbb/task_arena.h>

#include "backends/opencl/vdf.hpp"
#include "engine/backend/backend.hpp"

namespace proofgrid::opencl {

class OpenClVdfBatch {
 public:
  // ctx, mutex and arena outlive this object. Device calls hold `mutex`; the CPU steps
  // (discriminants, proofs) run in `arena`, one job per thread.
  OpenClVdfBatch(OpenClContext& ctx, std::mutex& mutex, tbb::task_arena& arena);

  std::vector<vdf::Output> solve(std::span<const proofgrid::VdfJob> jobs, const CancelToken* cancel);

 private:
  OpenClVdf vdf_;
  std::mutex& mutex_;
  tbb::task_arena& arena_;
};

}  // namespace proofgrid::opencl
