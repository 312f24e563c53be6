#pragma once
// The CPU backends (cpu and simd) are one implementation at two instruction-set levels: the
// engine's kernels at the level chosen (engine/common/isa.hpp), run in a oneTBB arena capped
// at the instance's thread share, so a per-core data worker never oversubscribes its core.
//
//   VDF batches: one job per thread (each chain is sequential); the squarings are scalar at
//                every level, the discriminant's primality tests follow the level.
//   KZG:         MSM (bucket trees split over threads) and inverse FFT at the level.
#include <memory>
#include <string>

#include "backends/registry/registry.hpp"
#include "engine/common/isa.hpp"

namespace proofgrid::backends {

// The threads an instance with options.threads uses: that many, or the whole machine for 0.
std::size_t effective_threads(const BackendOptions& options);

// "AMD EPYC 9R14 (avx512-ifma kernels, 2 threads)".
std::string host_device_name(Isa isa, std::size_t threads);

std::unique_ptr<Backend> create_host_backend(std::string name, Isa isa, const BackendOptions& options);

}  // namespace proofgrid::backends
