#pragma once
// Plain data in the layouts agreed with the KZG engine, byte-identical to the structs the
// kernels use (so spans of these go to the device as they are):
//   Fp: 10 x 64-bit little-endian limbs, Montgomery form, R = 2^640
//   Fr:  9 x 64-bit little-endian limbs, Montgomery form, R = 2^576
//   G1 affine {x, y, infinity}; G1 Jacobian {X, Y, Z}, Z = 0 is the point at infinity
//   MSM scalars: canonical (not Montgomery) little-endian 64-bit limbs, at most 9
#include <array>
#include <cstdint>

namespace proofgrid::opencl {

struct FpLimbs {
  std::array<std::uint64_t, 10> limb{};
  bool operator==(const FpLimbs&) const = default;
};

struct FrLimbs {
  std::array<std::uint64_t, 9> limb{};
  bool operator==(const FrLimbs&) const = default;
};

struct G1AffineLimbs {
  FpLimbs x;
  FpLimbs y;
  std::uint64_t infinity = 0;  // 1: the point at infinity (x, y ignored)
  bool operator==(const G1AffineLimbs&) const = default;
};

struct G1JacobianLimbs {
  FpLimbs x;
  FpLimbs y;
  FpLimbs z;  // (x/z^2, y/z^3); z = 0 means infinity
  bool operator==(const G1JacobianLimbs&) const = default;
};

struct ScalarLimbs {
  std::array<std::uint64_t, 9> limb{};  // canonical integer, little-endian
  bool operator==(const ScalarLimbs&) const = default;
};

static_assert(sizeof(FpLimbs) == 80 && sizeof(FrLimbs) == 72);
static_assert(sizeof(G1AffineLimbs) == 168 && sizeof(G1JacobianLimbs) == 240);
static_assert(sizeof(ScalarLimbs) == 72);

}  // namespace proofgrid::opencl
