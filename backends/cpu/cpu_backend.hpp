#pragma once
// The cpu backend: the reference every other backend is compared with byte for byte.
// VDF batches run one job per thread (each chain is inherently sequential); KZG uses the
// engine's CPU kernels, parallel through oneTBB.
#include <memory>

#include "backends/registry/registry.hpp"

namespace proofgrid::backends {

BackendInfo probe_cpu_backend();
std::unique_ptr<Backend> create_cpu_backend(const BackendOptions& options);

}  // namespace proofgrid::backends
