#include "backends/host/host_backend.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
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

// The engine's kernels at one level, each call run inside `arena` so its parallel loops use at
// most the arena's threads. The arena outlives the kernels (both belong to the backend).
kzg::Kernels capped(const kzg::Kernels& inner, tbb::task_arena& arena) {
  kzg::Kernels k;
  k.msm_fixed = [inner, &arena](const kzg::FixedBaseTable& t, std::span<const kzg::Scalar> s) {
    return arena.execute([&] { return inner.msm_fixed(t, s); });
  };
  k.msm = [inner, &arena](std::span<const kzg::G1Affine> b, std::span<const kzg::Scalar> s) {
    return arena.execute([&] { return inner.msm(b, s); });
  };
  k.inverse_fft = [inner, &arena](std::span<kzg::Fr> v, std::span<const kzg::Fr> roots) {
    arena.execute([&] { inner.inverse_fft(v, roots); });
  };
  return k;
}

class HostBackend final : public Backend {
 public:
  HostBackend(std::string name, Isa isa, const BackendOptions& options)
      : name_(std::move(name)),
        isa_(isa),
        threads_(effective_threads(options)),
        arena_(static_cast<int>(threads_)),
        kernels_(capped(kzg::kernels_for(isa), arena_)) {}

  std::string name() const override { return name_; }
  std::string device() const override { return host_device_name(isa_, threads_); }

  std::vector<vdf::Output> vdf_solve_batch(std::span<const VdfJob> jobs, const CancelToken* cancel) override {
    std::vector<vdf::Output> outputs(jobs.size());
    vdf::SolveOptions options;
    options.cancel = cancel;
    options.isa = isa_;
    arena_.execute([&] {
      tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t i) {
        outputs[i] = vdf::solve(jobs[i].challenge, jobs[i].difficulty, options);
      });
    });
    return outputs;
  }

  const kzg::Kernels& kzg_kernels() const override { return kernels_; }

 private:
  std::string name_;
  Isa isa_;
  std::size_t threads_;
  mutable tbb::task_arena arena_;
  kzg::Kernels kernels_;
};

}  // namespace

std::size_t effective_threads(const BackendOptions& options) {
  return options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
}

std::string host_device_name(Isa isa, std::size_t threads) {
  static const std::string model = cpu_model();
  return model + " (" + std::string(isa_name(isa)) + " kernels, " + std::to_string(threads) + " thread" +
         (threads == 1 ? "" : "s") + ")";
}

std::unique_ptr<Backend> create_host_backend(std::string name, Isa isa, const BackendOptions& options) {
  require_isa(isa, ("backend " + name).c_str());
  return std::make_unique<HostBackend>(std::move(name), isa, options);
}

}  // namespace proofgrid::backends
