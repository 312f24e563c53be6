#pragma once
// Fp in radix 2^52 for the AVX-512 IFMA kernels (ifma_kernels.cpp): 12 limbs of 52 bits,
// Montgomery form with R' = 2^624, values kept below 2p (not always fully reduced). This is an
// internal working format of the MSM: tables are converted once when built; everything that
// leaves the MSM is converted back to Fp (field_types.hpp).
#include <array>
#include <cstdint>
#include <span>

#include "engine/kzg/field_types.hpp"
#include "engine/kzg/g1_types.hpp"

namespace proofgrid::kzg {

struct Fp52 {
  static constexpr std::size_t kLimbs = 12;
  std::array<std::uint64_t, kLimbs> limb{};
};

// 25 words: the kernels gather x, y and the word holding `infinity` by offset.
struct G1Affine52 {
  Fp52 x;
  Fp52 y;
  bool infinity = true;
  std::uint8_t padding[7] = {};
};

Fp52 to_fp52(const Fp& a);
Fp from_fp52(const Fp52& a);  // accepts any value below 2^624, reduces fully
G1Affine52 to_affine52(const G1Affine& p);
G1Affine from_affine52(const G1Affine52& p);
G1Affine52 neg(const G1Affine52& p);

// Replaces each element by its inverse (one GMP inversion for all). Returns false, leaving
// `values` unspecified, when any element is zero mod p.
bool invert_all(std::span<Fp52> values);

}  // namespace proofgrid::kzg
