#pragma once
// The KZG kernels of the opencl backend, in the engine's types: MSM over a fixed-base table
// (an OpenClMsm with its own device table, built once per base set and kept), one-shot MSM
// (no device table: per-window buckets over the bases) and the inverse FFT of ProveRaw.
//
// Calls are serialised on the device context's mutex: one OpenClContext has one owner at a time.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <span>

#include "backends/opencl/cl_context.hpp"
#include "backends/opencl/fft.hpp"
#include "backends/opencl/msm.hpp"
#include "engine/common/hash.hpp"
#include "engine/kzg/fft.hpp"
#include "engine/kzg/msm.hpp"

namespace proofgrid::opencl {

class OpenClKzg {
 public:
  // ctx and mutex outlive this object; every device call holds `mutex`.
  OpenClKzg(OpenClContext& ctx, std::mutex& mutex);

  // sum scalars[i] * base_i over the table's bases (points[i * windows]); the device table is
  // built on the first call for these bases and reused (up to kCachedBaseSets base sets).
  kzg::G1Jacobian msm_fixed(const kzg::FixedBaseTable& table, std::span<const kzg::Scalar> scalars);
  // A one-shot MSM: nothing is precomputed or kept.
  kzg::G1Jacobian msm(std::span<const kzg::G1Affine> bases, std::span<const kzg::Scalar> scalars);
  // kzg::inverse_fft on the device, same bytes.
  void inverse_fft(std::span<kzg::Fr> values, std::span<const kzg::Fr> roots);

  static constexpr std::size_t kCachedBaseSets = 8;

 private:
  struct CachedMsm {
    Digest32 key;
    std::unique_ptr<OpenClMsm> msm;
  };
  OpenClMsm& fixed_msm_for(const kzg::FixedBaseTable& table);

  OpenClContext& ctx_;
  std::mutex& mutex_;
  OpenClFft fft_;
  std::list<CachedMsm> cache_;  // most recently used first
};

}  // namespace proofgrid::opencl
