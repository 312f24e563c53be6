#include "backends/cpu/cpu_backend.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <fstream>
#include <thread>

#include "engine/vdf/vdf.hpp"

namespace proofgrid::backends {
namespace {

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos && colon + 2 <= line.size()) return line.substr(colon + 2);
    }
  }
  return "CPU";
}

std::string describe(std::size_t threads) {
  return cpu_model() + " (" + std::to_string(threads) + " thread" + (threads == 1 ? "" : "s") +
         ")";
}

class CpuBackend final : public Backend {
 public:
  explicit CpuBackend(const BackendOptions& options)
      : threads_(options.threads ? options.threads
                                 : std::max(1u, std::thread::hardware_concurrency())),
        arena_(static_cast<int>(threads_)) {}

  std::string name() const override { return "cpu"; }
  std::string device() const override { return describe(threads_); }

  std::vector<vdf::Output> vdf_solve_batch(std::span<const VdfJob> jobs,
                                           const CancelToken* cancel) override {
    std::vector<vdf::Output> outputs(jobs.size());
    vdf::SolveOptions options;
    options.cancel = cancel;
    // The arena caps concurrency at this instance's share of the machine.
    arena_.execute([&] {
      tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t i) {
        outputs[i] = vdf::solve(jobs[i].challenge, jobs[i].difficulty, options);
      });
    });
    return outputs;
  }

  const kzg::Kernels& kzg_kernels() const override { return kzg::cpu_kernels(); }

 private:
  std::size_t threads_;
  mutable tbb::task_arena arena_;
};

}  // namespace

BackendInfo probe_cpu_backend() {
  return {"cpu", true, describe(std::max(1u, std::thread::hardware_concurrency())), ""};
}

std::unique_ptr<Backend> create_cpu_backend(const BackendOptions& options) {
  return std::make_unique<CpuBackend>(options);
}

}  // namespace proofgrid::backends
