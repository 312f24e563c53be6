#pragma once
// Montgomery constants of the two BLS48-581 fields (spec §2.1, §2.3). The test suite checks
// each one against its definition (R mod m, R^2 mod m, -m^-1 mod 2^64).
#include "engine/kzg/field_types.hpp"
#include "engine/kzg/limbs.hpp"

namespace proofgrid::kzg {

template <class F>
struct FieldParams;

template <class F>
concept MontField = requires { FieldParams<F>::kModulus; };

template <>
struct FieldParams<Fp> {
  static constexpr std::size_t kLimbs = Fp::kLimbs;
  static constexpr Limbs<kLimbs> kModulus = limbs_from_hex<kLimbs>(
      "0x1280f73ff3476f313824e31d47012a0056e84f8d122131bb3be6c0f1f3975444a48ae43af6e082acd9cd30394f"
      "4736daf68367a5513170ee0a578fdf721a4a48ac3edc154e6565912b");
  static constexpr std::uint64_t kInv = 0xa148b81fc39d5a7dULL;  // -p^-1 mod 2^64
  static constexpr Limbs<kLimbs> kOne = limbs_from_hex<kLimbs>(    // R mod p
      "0x213de1b4876fb5061c97ab11bbd6e9bf3a33540d8f639ccf56406150433b8fbb010e7c969b3ef5ba7bc7e9eb0"
      "8a2a83b62a0515598c2e2357c906de3b7dd9c36b9f326b4f43691557");
  static constexpr Limbs<kLimbs> kR2 = limbs_from_hex<kLimbs>(     // R^2 mod p
      "0x7d5bcb5f14f6da60b05759d0acabb030f572058972c6fc5c4deeb59df773a9e7ea0c7ecb02a693c4a3620c740"
      "7448c4cbfc7d832ed0f81e69755a0271c039067cf36bbf2089e765f6");
  static constexpr std::size_t kBits = 581;
};

template <>
struct FieldParams<Fr> {
  static constexpr std::size_t kLimbs = Fr::kLimbs;
  static constexpr Limbs<kLimbs> kModulus = limbs_from_hex<kLimbs>(
      "0x2386f8a925e2885e233a9ccc1615c0d6c635387a3f0b3cbe003fad6bc972c2e6e741969d34c4c92016a85c7cd"
      "0562303c4ccbe599467c24da118a5fe6fcd671c01");
  static constexpr std::uint64_t kInv = 0x8a063fb602571bffULL;  // -r^-1 mod 2^64
  static constexpr Limbs<kLimbs> kOne = limbs_from_hex<kLimbs>(    // R mod r
      "0x13e01cdd09237a0306c6cad564ce843c9022d22b99dd459d7d0e4fd5f73d84ea8686eecadab46cda0ea9cfe68"
      "d08b2b5c22f1ff605f8f2c27b7d377cb0ce2f11b6");
  static constexpr Limbs<kLimbs> kR2 = limbs_from_hex<kLimbs>(     // R^2 mod r
      "0x988175e507b41976d30a1a3f304ad14f14089592f61baa3524f22ff5a0c837f083f22932659e82bc1365b4f6d"
      "86a04e68c965afcc4d9d953a59742e4762a1ad0e");
  static constexpr std::size_t kBits = 518;
};

// The group order r as canonical limbs (also the scalar modulus of every MSM).
inline constexpr Scalar kGroupOrder = FieldParams<Fr>::kModulus;

}  // namespace proofgrid::kzg
