#include "engine/chain/simulate.hpp"

#include <tbb/parallel_for.h>

#include <atomic>
#include <stdexcept>
#include <string>

namespace proofgrid::chain {
namespace {

// Index of a rejected output, or outputs.size() when all verify. Verification is far cheaper
// than solving but not free (a discriminant per slot), so it runs in parallel.
std::size_t first_rejected(const RoundPlan& plan, const std::vector<vdf::Output>& outputs) {
  std::atomic<std::size_t> bad{outputs.size()};
  tbb::parallel_for(std::size_t{0}, outputs.size(), [&](std::size_t i) {
    if (!plan.accepts(i, outputs[i])) {
      std::size_t cur = bad.load();
      while (i < cur && !bad.compare_exchange_weak(cur, i)) {
      }
    }
  });
  return bad.load();
}

}  // namespace

void simulate(ChainState& state, Backend& backend, const kzg::Srs& srs, const SimulateOptions& options) {
  if (!options.parallelism) throw std::invalid_argument("simulate needs a parallelism rule");
  for (std::uint64_t n = 0; n < options.rounds; ++n) {
    const RoundPlan plan = state.plan(options.parallelism(state.next_increment()));
    const std::vector<VdfJob> jobs = plan.jobs();
    std::vector<vdf::Output> outputs = backend.vdf_solve_batch(jobs, options.cancel);
    if (outputs.size() != jobs.size())
      throw std::runtime_error("backend " + backend.name() + " returned " + std::to_string(outputs.size()) +
                               " outputs for " + std::to_string(jobs.size()) + " jobs");
    if (const std::size_t bad = first_rejected(plan, outputs); bad != outputs.size())
      throw std::runtime_error("backend " + backend.name() + " returned an output for slot " + std::to_string(bad) +
                               " of round " + std::to_string(plan.increment) +
                               " that fails VDF.Verify; rerun with --backend cpu and report the bug");
    RoundResult r = state.finish(plan, std::move(outputs), srs, backend.kzg_kernels());
    if (options.on_round) options.on_round(r);
    state.advance(std::move(r));
  }
}

}  // namespace proofgrid::chain
