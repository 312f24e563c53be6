#include "backends/simd/simd_backend.hpp"

#include "backends/host/host_backend.hpp"

namespace proofgrid::backends {

BackendInfo probe_simd_backend() {
  std::string device = host_device_name(best_isa(), effective_threads({}));
  if (best_isa() == Isa::kScalar) device += "; no vector level usable here, runs the scalar fallback";
  return {"simd", true, device, ""};
}

std::unique_ptr<Backend> create_simd_backend(const BackendOptions& options) {
  return create_host_backend("simd", best_isa(), options);
}

}  // namespace proofgrid::backends
