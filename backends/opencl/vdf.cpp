#include "backends/opencl/vdf.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <stdexcept>
#include <string>

#include "backends/opencl/kernel_programs.hpp"
#include "backends/opencl/vdf_state.hpp"

namespace proofgrid::opencl {
namespace {

namespace vs = vdf_state;

// Device memory for checkpoints written during one launch (read back after each launch).
constexpr std::size_t kCheckpointBudget = std::size_t{64} << 20;
constexpr std::uint32_t kMaxStepsPerLaunch = 1u << 20;

std::string describe_status(std::uint32_t status) {
  switch (status) {
    case 1:
      return "the discriminant is not prime (a form with gcd(a, b) != 1 appeared); pass the "
             "discriminant the VDF derives from the challenge";
    case 2:
      return "a value outgrew the kernel's integers; the discriminant must be at most 2048 bits";
    default:
      return "arithmetic fault in the OpenCL VDF kernel (code " + std::to_string(status) +
             "): the device computed a wrong value; report it with the device name";
  }
}

}  // namespace

OpenClVdf::OpenClVdf(OpenClContext& ctx) : ctx_(ctx) {
  square_ = ctx.kernel(vdf_program(), "vdf_square_chains");
}

std::vector<VdfChainResult> OpenClVdf::solve(std::span<const VdfJob> jobs, std::uint32_t kappa,
                                             const CancelToken* cancel) {
  const bool every_job_has_kappa =
      !jobs.empty() && std::all_of(jobs.begin(), jobs.end(), [](const VdfJob& j) { return j.kappa != 0; });
  if (kappa == 0 && !every_job_has_kappa)
    throw std::invalid_argument("OpenClVdf: kappa must be at least 1 (or set on every job)");
  const std::size_t chains = jobs.size();
  // Checkpoint slots per launch are sized for the densest chain.
  std::uint32_t min_kappa = std::numeric_limits<std::uint32_t>::max();
  std::vector<VdfChainResult> results(chains);
  std::vector<vs::Form> forms;
  std::vector<vs::Params> params;
  std::vector<vs::Job> state;
  for (std::size_t i = 0; i < chains; ++i) {
    vs::Start start;
    try {
      start = vs::chain_start(jobs[i].discriminant);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("OpenClVdf job " + std::to_string(i) + ": " + e.what());
    }
    forms.push_back(start.form);
    params.push_back(start.params);
    const std::uint32_t k = jobs[i].kappa != 0 ? jobs[i].kappa : kappa;
    min_kappa = std::min(min_kappa, k);
    state.push_back({jobs[i].iterations, 0, k, 0});
    results[i].checkpoints.push_back(vs::encode_generator());
  }
  if (chains == 0) return results;

  const Buffer form_buf = ctx_.upload(std::span<const vs::Form>(forms));
  const Buffer param_buf = ctx_.upload(std::span<const vs::Params>(params));
  const Buffer job_buf = ctx_.upload(std::span<const vs::Job>(state));
  const std::size_t max_slots =
      std::max<std::size_t>(2, kCheckpointBudget / (chains * sizeof(vs::Checkpoint)));
  const Buffer ckpt_buf = ctx_.alloc(chains * max_slots * sizeof(vs::Checkpoint));
  const std::uint32_t max_steps = static_cast<std::uint32_t>(
      std::min<std::size_t>(kMaxStepsPerLaunch, (max_slots - 1) * std::size_t{min_kappa}));

  std::uint32_t steps = 4;
  std::vector<vs::Job> after(chains);
  std::vector<vs::Checkpoint> ckpts;
  auto unfinished = [&] {
    return std::any_of(state.begin(), state.end(),
                       [](const vs::Job& j) { return j.status == 0 && j.done < j.iterations; });
  };
  while (unfinished()) {
    if (cancel && cancel->cancelled()) throw Cancelled();
    const std::uint32_t launch_steps = std::min(steps, max_steps);
    const std::uint32_t slots = launch_steps / min_kappa + 1;
    const auto t0 = std::chrono::steady_clock::now();
    ctx_.run(square_, chains, form_buf, param_buf, job_buf, ckpt_buf, static_cast<cl_uint>(chains),
             static_cast<cl_uint>(slots), static_cast<cl_uint>(launch_steps));
    ctx_.read(job_buf, after.data(), chains * sizeof(vs::Job));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    for (std::size_t g = 0; g < chains; ++g) {
      const std::uint32_t first = state[g].done / state[g].kappa;
      const std::uint32_t produced = after[g].done / state[g].kappa - first;
      if (produced > 0) {
        ckpts.resize(produced);
        ctx_.read(ckpt_buf, ckpts.data(), produced * sizeof(vs::Checkpoint),
                  g * slots * sizeof(vs::Checkpoint));
        for (const vs::Checkpoint& c : ckpts)
          results[g].checkpoints.push_back(vs::encode_checkpoint(c));
      }
      if (after[g].status != 0)
        throw std::runtime_error("OpenClVdf chain " + std::to_string(g) + " stopped after " +
                                 std::to_string(after[g].done) +
                                 " squarings: " + describe_status(after[g].status));
    }
    state = after;
    // Aim each launch at launch_seconds_: long enough to amortise the launch, short enough
    // for cancellation and for drivers that time out long kernels.
    if (seconds < launch_seconds_ / 2 && steps < kMaxStepsPerLaunch)
      steps *= 2;
    else if (seconds > launch_seconds_ * 2 && steps > 1)
      steps /= 2;
  }

  ctx_.read(form_buf, forms.data(), chains * sizeof(vs::Form));
  for (std::size_t g = 0; g < chains; ++g) results[g].y = vs::encode_form(forms[g].a, forms[g].b);
  return results;
}

}  // namespace proofgrid::opencl
