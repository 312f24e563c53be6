#pragma once
// The opencl backend: the OpenCL component of this folder behind the engine's interface.
//   VDF:  all jobs of a batch as parallel chains on the device (one work-item per chain), the
//         proofs finished on the CPU from the device's checkpoints;
//   KZG:  MSM over the device's own fixed-base table (built once per base set), one-shot MSM
//         without a table, the inverse FFT.
// Availability comes from probe_opencl(): without a runtime, platform or device the reason says
// what to install. One instance owns one device context; calls from several slots are
// serialised on it (so one GPU serves many slots best through large batches).
#include <memory>

#include "backends/registry/registry.hpp"

namespace proofgrid::backends {

BackendInfo probe_opencl_backend();
// options.device: a device as select_device takes it ("auto", "P:D", part of a name); empty
// means $PROOFGRID_OPENCL_DEVICE, else auto (the first GPU).
std::unique_ptr<Backend> create_opencl_backend(const BackendOptions& options);

}  // namespace proofgrid::backends
