#pragma once
// Host mirrors of the VDF kernel's structs (kernels/bn.cl, qform.cl, vdf.cl), byte for byte,
// and the conversions between them and the VDF spec's encodings.
#include <array>
#include <cstdint>

#include "engine/common/bytes.hpp"

namespace proofgrid::opencl::vdf_state {

inline constexpr int kBnLimbs = 68;    // BN_LIMBS
inline constexpr int kCkptLimbs = 33;  // CKPT_LIMBS

struct Bn {
  std::array<std::uint32_t, kBnLimbs> d{};
  std::int32_t n = 0;
  std::int32_t neg = 0;
};

struct Form {
  Bn a, b, c;
};

struct Params {
  Bn bound;  // L = floor((|D| / 4)^(1/4))
  Bn d_mag;  // |D|
};

struct Job {
  std::uint32_t iterations = 0;
  std::uint32_t done = 0;
  std::uint32_t kappa = 1;
  std::uint32_t status = 0;
};

struct Checkpoint {
  std::int32_t a_n = 0, b_n = 0, b_neg = 0, pad = 0;
  std::array<std::uint32_t, kCkptLimbs> a{}, b{};
};

static_assert(sizeof(Bn) == 4 * (kBnLimbs + 2) && sizeof(Form) == 3 * sizeof(Bn));
static_assert(sizeof(Params) == 2 * sizeof(Bn) && sizeof(Job) == 16);
static_assert(sizeof(Checkpoint) == 4 * (4 + 2 * kCkptLimbs));

// The chain's start for discriminant D = -|D|: the generator (2, 1, (|D| + 1) / 8) and the
// kernel's parameters. Throws std::invalid_argument unless |D| is odd, |D| = 7 (mod 8),
// at least 2^32 and at most 2048 bits (what BN_LIMBS was sized for).
struct Start {
  Form form;
  Params params;
};
Start chain_start(ByteView discriminant_magnitude_be);

// VDF spec 5: Enc(a, b) = TC_129(a) || TC_129(b), 129-byte big-endian two's complement.
Bytes encode_form(const Bn& a, const Bn& b);
Bytes encode_checkpoint(const Checkpoint& c);

// The generator's encoding, Enc(2, 1): checkpoint 0 and the output for T = 0.
Bytes encode_generator();

}  // namespace proofgrid::opencl::vdf_state
