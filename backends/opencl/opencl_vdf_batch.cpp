#include "backends/opencl/opencl_vdf_batch.hpp"

#include <tbb/parallel_for.h>

#include <stdexcept>
#include <string>

#include "engine/vdf/vdf.hpp"

namespace proofgrid::opencl {
namespace {

Bytes magnitude_be(const vdf::Mpz& d) {
  Bytes out((d.bits() + 7) / 8);
  std::size_t written = 0;
  mpz_export(out.data(), &written, 1, 1, 1, 0, d.get());  // mpz_export writes |d|
  out.resize(written);
  return out;
}

// A form the device returned, checked: it must name a reduced form of the job's discriminant
// (the kernel checks b^2 - 4ac = D itself; this also catches a garbled transfer).
vdf::FastForm device_form(const vdf::Group& g, const Bytes& encoded, std::size_t job) {
  const auto form = vdf::decode_form(encoded, g.discriminant());
  if (!form || !vdf::is_reduced(*form))
    throw std::runtime_error("OpenCL VDF job " + std::to_string(job) +
                             ": the device returned a form that is not a reduced form of the "
                             "job's discriminant; the device computed a wrong value");
  return g.from_form(*form);
}

}  // namespace

OpenClVdfBatch::OpenClVdfBatch(OpenClContext& ctx, std::mutex& mutex, tbb::task_arena& arena)
    : vdf_(ctx), mutex_(mutex), arena_(arena) {}

std::vector<vdf::Output> OpenClVdfBatch::solve(std::span<const proofgrid::VdfJob> jobs, const CancelToken* cancel) {
  if (cancel != nullptr && cancel->cancelled()) throw Cancelled();
  if (jobs.empty()) return {};
  std::vector<std::shared_ptr<const vdf::Group>> groups(jobs.size());
  arena_.execute([&] {
    tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t i) { groups[i] = vdf::group_for(jobs[i].challenge); });
  });
  std::vector<opencl::VdfJob> chains(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i)
    chains[i] = {magnitude_be(groups[i]->discriminant()), jobs[i].difficulty,
                 vdf::proof_plan(jobs[i].difficulty).kappa()};
  std::vector<VdfChainResult> results;
  {
    std::lock_guard lock(mutex_);
    results = vdf_.solve(chains, 0, cancel);
  }
  std::vector<vdf::Output> outputs(jobs.size());
  arena_.execute([&] {
    tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t i) {
      if (cancel != nullptr && cancel->cancelled()) throw Cancelled();
      const vdf::Group& g = *groups[i];
      vdf::Checkpoints checkpoints;
      checkpoints.reserve(results[i].checkpoints.size());
      for (const Bytes& c : results[i].checkpoints) checkpoints.push(device_form(g, c, i));
      outputs[i] = vdf::finish_proof(g, jobs[i].difficulty, device_form(g, results[i].y, i), checkpoints);
    });
  });
  return outputs;
}

}  // namespace proofgrid::opencl
