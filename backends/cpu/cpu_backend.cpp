#include "backends/cpu/cpu_backend.hpp"

#include "backends/host/host_backend.hpp"

namespace proofgrid::backends {

BackendInfo probe_cpu_backend() {
  return {"cpu", true, host_device_name(Isa::kScalar, effective_threads({})), ""};
}

std::unique_ptr<Backend> create_cpu_backend(const BackendOptions& options) {
  return create_host_backend("cpu", Isa::kScalar, options);
}

}  // namespace proofgrid::backends
