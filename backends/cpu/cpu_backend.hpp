#pragma once
// The cpu backend: the reference every other backend is compared with byte for byte. The
// engine's scalar kernels (portable C++, MULX/ADX multiplication where the CPU has it: scalar
// instructions, not vectors) with oneTBB for MSM buckets, FFT stages and VDF batches.
#include <memory>

#include "backends/registry/registry.hpp"

namespace proofgrid::backends {

BackendInfo probe_cpu_backend();
std::unique_ptr<Backend> create_cpu_backend(const BackendOptions& options);

}  // namespace proofgrid::backends
