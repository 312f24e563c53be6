#pragma once
// CommitRaw and ProveRaw of the reference (spec §6 - §8), byte-exact, over an Srs.
//
//   commit(D, N) = sum_i v_i * G1FFT_N[i]            (or [c(tau)]_1 from the powers, same point)
//   prove(D, idx, N) = sum_k q_k * G1Powers[k]       (q = (c(X) - c(z)) / (X - z), z = T_N[idx])
//
// The MSM and the inverse FFT come in through Kernels, so a backend can swap in its own.
#include <cstddef>
#include <span>
#include <vector>

#include "engine/common/bytes.hpp"
#include "engine/kzg/fft.hpp"
#include "engine/kzg/g1_codec.hpp"
#include "engine/kzg/msm.hpp"
#include "engine/kzg/srs.hpp"

namespace proofgrid::kzg {

struct Kernels {
  FixedMsmFn msm_fixed;       // MSM over a precomputed SRS table (N <= kMaxTableSize)
  MsmFn msm;                  // MSM without a table (the compatibility sizes 2048, 65536)
  InverseFftFn inverse_fft;   // the reference's inverse FFT (fft.hpp)
  // Build (once per SRS, N and kind) and use fixed-base tables. A one-shot caller such as the
  // CLI turns this off: building a table costs far more than a single table-free MSM.
  bool use_tables = true;
};

// Above this size no fixed-base table is built (at N = 65536 it would take about a GB);
// commit and prove use the variable-base MSM instead.
inline constexpr std::size_t kMaxTableSize = 1024;
// The engine's CPU kernels at one instruction-set level (msm.hpp, fft.hpp): what the cpu
// backend (kScalar) and the simd backend (its best level) start from.
const Kernels& kernels_for(Isa isa);
// The default of commit and prove: kernels_for(best_isa()), the fastest CPU code here.
const Kernels& cpu_kernels();

// Spec §6: 64-byte big-endian chunks, a short tail read big-endian at its own length, zero
// padding to n scalars, no reduction. Throws std::invalid_argument when D has more than n chunks.
std::vector<Scalar> data_scalars(ByteView data, std::size_t n);

// The N - 1 quotient coefficients ProveRaw feeds to its MSM (spec §8.2 - §8.3), for audits
// and tests. Requires 0 <= idx < n.
std::vector<Fr> quotient(ByteView data, std::size_t idx, std::size_t n, InverseFftFn inverse = &inverse_fft);

// CommitRaw / ProveRaw as points. Throw std::invalid_argument for bad sizes or indices and
// SrsError when the SRS cannot serve size n.
G1Affine commit(const Srs& srs, ByteView data, std::size_t n, const Kernels& kernels = cpu_kernels());
G1Affine prove(const Srs& srs, ByteView data, std::size_t idx, std::size_t n, const Kernels& kernels = cpu_kernels());

// The same, encoded (74 bytes, spec §3.2).
inline G1Bytes commit_raw(const Srs& srs, ByteView data, std::size_t n, const Kernels& kernels = cpu_kernels()) {
  return compress(commit(srs, data, n, kernels));
}
inline G1Bytes prove_raw(const Srs& srs, ByteView data, std::size_t idx, std::size_t n,
                         const Kernels& kernels = cpu_kernels()) {
  return compress(prove(srs, data, idx, n, kernels));
}

}  // namespace proofgrid::kzg
