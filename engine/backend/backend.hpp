#pragma once
// The backend interface: the proving kernels a data worker or the control process runs,
// behind one seam so cpu, simd and opencl implementations are interchangeable.
//
//   challenge -> slot -> Backend::vdf_solve_batch -> proof -> vdf::verify -> kzg (Backend
//   kernels) -> record
//
// cpu is the reference: every other backend must return byte-identical results (tests in
// tests/unit/backends run the same checks over every backend registered in the build).
// One instance may serve several slots (that is how one GPU serves many); instances are
// created by name through backends/registry/registry.hpp.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/backend/cancel.hpp"
#include "engine/common/bytes.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/vdf/encoding.hpp"

namespace proofgrid {

// One VDF to solve: the VDF challenge (in the chain, SHA3-256(BE32(slot) ‖ input)) and T.
struct VdfJob {
  Bytes challenge;
  std::uint32_t difficulty = 0;
};

class Backend {
 public:
  virtual ~Backend() = default;

  // Registry name: "cpu", "simd", "opencl".
  virtual std::string name() const = 0;
  // What actually runs the kernels, for logs and `proofgrid backends` (e.g. the CPU model and
  // ISA level, or the OpenCL platform and device).
  virtual std::string device() const = 0;

  // Solves every job; outputs come back in job order and equal vdf::solve byte for byte.
  // Jobs may run concurrently within the backend's share of the machine. Throws Cancelled
  // as soon as practical after `cancel` is set.
  virtual std::vector<vdf::Output> vdf_solve_batch(std::span<const VdfJob> jobs,
                                                   const CancelToken* cancel = nullptr) = 0;

  // The MSM and inverse-FFT kernels KZG commit/prove run on (engine/kzg/kzg.hpp).
  virtual const kzg::Kernels& kzg_kernels() const = 0;

  // Convenience forms of the kernels, for tests and benchmarks.
  kzg::G1Jacobian msm(std::span<const kzg::G1Affine> bases,
                      std::span<const kzg::Scalar> scalars) const {
    return kzg_kernels().msm(bases, scalars);
  }
  void inverse_fft(std::span<kzg::Fr> values, std::span<const kzg::Fr> roots) const {
    kzg_kernels().inverse_fft(values, roots);
  }
};

}  // namespace proofgrid
