#pragma once
// Multi-scalar multiplication on G1: the seam where SIMD or OpenCL backends plug in. Every
// function here is a plain function over the shared layouts (field_types.hpp, g1_types.hpp):
// affine bases in Montgomery form, canonical little-endian scalars, a Jacobian result.
//
// Contract for all variants: bases lie in G1 (order r) or are infinity; scalars are canonical
// integers that fit the stated width. Results are exact group elements, so every correct
// implementation returns the same point (compare after to_affine).
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "engine/common/isa.hpp"
#include "engine/kzg/fp52.hpp"
#include "engine/kzg/g1_types.hpp"

namespace proofgrid::kzg {

// Every MSM takes the instruction-set level it runs at (engine/common/isa.hpp): kScalar is the
// portable / MULX-ADX code, kAvx512Ifma does the batch-affine additions eight at a time. The
// default is the best level this CPU runs; backends pass theirs explicitly. Throws
// std::invalid_argument when the CPU cannot run the level asked for.

// sum_i scalars[i] * bases[i] for arbitrary bases (Pippenger with signed digits and the GLV
// endomorphism; buckets summed with batch-affine additions; windows in parallel via oneTBB).
// Scalars must be below r.
G1Jacobian msm(std::span<const G1Affine> bases, std::span<const Scalar> scalars, Isa isa = best_isa());

// Precomputed multiples of fixed bases (an SRS table): points[i * windows + j] = 2^(c j) *
// bases[i]. An MSM over it is one bucket accumulation over all windows at once, with no
// doublings, followed by one bucket reduction.
struct FixedBaseTable {
  unsigned window_bits = 0;  // c
  std::size_t windows = 0;   // signed c-bit windows per scalar
  std::size_t scalar_bits = 0;
  std::size_t count = 0;     // number of bases
  std::vector<G1Affine> points;

  // The same points in the IFMA working format, converted on first use by an IFMA MSM
  // (thread-safe); a table only the scalar code uses never holds them.
  std::span<const G1Affine52> points52() const;
  std::size_t memory_bytes() const;

 private:
  struct Ifma {
    std::once_flag once;
    std::vector<G1Affine52> points;
  };
  std::shared_ptr<Ifma> ifma_ = std::make_shared<Ifma>();
};

// Builds the table for scalars below 2^scalar_bits; window_bits = 0 picks a width for the
// number of bases. Parallel over bases (oneTBB).
FixedBaseTable make_fixed_base_table(std::span<const G1Affine> bases, std::size_t scalar_bits,
                                     unsigned window_bits = 0);

// sum_i scalars[i] * bases[i] over a table; scalars.size() <= table.count (missing scalars are
// zero), each below 2^table.scalar_bits (std::invalid_argument otherwise).
G1Jacobian msm_fixed(const FixedBaseTable& table, std::span<const Scalar> scalars, Isa isa = best_isa());

// The seams as function types: commit/prove take these (kzg.hpp), defaulting to the CPU ones.
using MsmFn = std::function<G1Jacobian(std::span<const G1Affine>, std::span<const Scalar>)>;
using FixedMsmFn = std::function<G1Jacobian(const FixedBaseTable&, std::span<const Scalar>)>;

}  // namespace proofgrid::kzg
