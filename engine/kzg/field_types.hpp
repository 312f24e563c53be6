#pragma once
// The data layout of BLS48-581 field elements, shared by every backend (CPU, SIMD, OpenCL).
// Backends include only this header (and g1_types.hpp) and exchange data in exactly this form.
//
//   Fp: 10 x uint64, little-endian limbs, Montgomery form with R = 2^640 (p has 581 bits).
//   Fr:  9 x uint64, little-endian limbs, Montgomery form with R = 2^576 (r has 518 bits).
//   Scalar: 9 x uint64, little-endian limbs, canonical (NOT Montgomery): what an MSM consumes.
#include <array>
#include <cstddef>
#include <cstdint>

namespace proofgrid::kzg {

struct Fp {
  static constexpr std::size_t kLimbs = 10;
  std::array<std::uint64_t, kLimbs> limb{};
  friend bool operator==(const Fp&, const Fp&) = default;
};

struct Fr {
  static constexpr std::size_t kLimbs = 9;
  std::array<std::uint64_t, kLimbs> limb{};
  friend bool operator==(const Fr&, const Fr&) = default;
};

// A canonical integer below 2^576 (in practice below r, or below 2^512 for data chunks).
using Scalar = std::array<std::uint64_t, Fr::kLimbs>;

}  // namespace proofgrid::kzg
