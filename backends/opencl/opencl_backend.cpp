#include "backends/opencl/opencl_backend.hpp"

#include <tbb/task_arena.h>

#include <cstdlib>
#include <mutex>

#include "backends/host/host_backend.hpp"
#include "backends/opencl/opencl_kzg.hpp"
#include "backends/opencl/opencl_vdf_batch.hpp"

namespace proofgrid::backends {
namespace {

class OpenClBackend final : public Backend {
 public:
  explicit OpenClBackend(const BackendOptions& options)
      : ctx_(options.device),
        arena_(static_cast<int>(effective_threads(options))),
        kzg_(ctx_, mutex_),
        vdf_(ctx_, mutex_, arena_) {
    kernels_.msm_fixed = [this](const kzg::FixedBaseTable& t, std::span<const kzg::Scalar> s) {
      return kzg_.msm_fixed(t, s);
    };
    kernels_.msm = [this](std::span<const kzg::G1Affine> b, std::span<const kzg::Scalar> s) { return kzg_.msm(b, s); };
    kernels_.inverse_fft = [this](std::span<kzg::Fr> v, std::span<const kzg::Fr> roots) { kzg_.inverse_fft(v, roots); };
  }

  std::string name() const override { return "opencl"; }
  std::string device() const override { return ctx_.device().label(); }

  std::vector<vdf::Output> vdf_solve_batch(std::span<const VdfJob> jobs, const CancelToken* cancel) override {
    return vdf_.solve(jobs, cancel);
  }

  const kzg::Kernels& kzg_kernels() const override { return kernels_; }

 private:
  opencl::OpenClContext ctx_;
  std::mutex mutex_;  // the context has one owner at a time
  tbb::task_arena arena_;
  opencl::OpenClKzg kzg_;
  opencl::OpenClVdfBatch vdf_;
  kzg::Kernels kernels_;
};

}  // namespace

BackendInfo probe_opencl_backend() {
  BackendInfo info{"opencl", false, "", ""};
  const opencl::Availability a = opencl::probe_opencl();
  if (!a.available) {
    info.reason = a.reason;
    return info;
  }
  try {
    const char* spec = std::getenv("PROOFGRID_OPENCL_DEVICE");
    info.device = opencl::select_device(*a.api, spec != nullptr ? spec : "").label();
    info.available = true;
  } catch (const std::exception& e) {  // no device, or $PROOFGRID_OPENCL_DEVICE matches none
    info.reason = e.what();
  }
  return info;
}

std::unique_ptr<Backend> create_opencl_backend(const BackendOptions& options) {
  return std::make_unique<OpenClBackend>(options);
}

}  // namespace proofgrid::backends
