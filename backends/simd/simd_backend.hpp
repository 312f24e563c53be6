#pragma once
// The simd backend: the engine's vectorised kernels at the best level this CPU runs (AVX-512
// IFMA: MSM bucket additions eight at a time, 2048-bit Montgomery powers for the VDF's
// discriminant), chosen at run time from CPUID; on a CPU without them the scalar code (the
// same as cpu). Always available. Measurements and the kernels that stayed scalar:
// docs/backends.md.
#include <memory>

#include "backends/registry/registry.hpp"

namespace proofgrid::backends {

BackendInfo probe_simd_backend();
std::unique_ptr<Backend> create_simd_backend(const BackendOptions& options);

}  // namespace proofgrid::backends
