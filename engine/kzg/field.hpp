#pragma once
// Field operations beyond the inline Montgomery core: inversion, square roots, and the 73-byte
// big-endian encoding that every file and record uses (spec §3.1; Montgomery form never
// appears in bytes).
#include <optional>
#include <span>
#include <vector>

#include "engine/common/bytes.hpp"
#include "engine/kzg/mont.hpp"

namespace proofgrid::kzg {

inline constexpr std::size_t kFieldBytes = 73;  // MIRACL's MODBYTES, for Fp and Fr alike

// a^-1; the inverse of zero is zero (callers that care check first).
Fp inverse(const Fp& a);
Fr inverse(const Fr& a);

// Replaces every non-zero element by its inverse with one field inversion (Montgomery's
// simultaneous inversion); zeros stay zero. `scratch` is resized as needed.
template <MontField F>
void batch_inverse(std::span<F> values, std::vector<F>& scratch) {
  scratch.resize(values.size());
  F acc = field_one<F>();
  for (std::size_t i = 0; i < values.size(); ++i) {
    scratch[i] = acc;
    if (!is_zero(values[i])) acc = acc * values[i];
  }
  F inv = inverse(acc);
  for (std::size_t i = values.size(); i-- > 0;) {
    if (is_zero(values[i])) continue;
    const F v = values[i];
    values[i] = inv * scratch[i];
    inv = inv * v;
  }
}

// A square root of a in Fp (p = 3 mod 4, so a^((p+1)/4)), or nullopt when a is not a square.
std::optional<Fp> sqrt(const Fp& a);
bool is_square(const Fp& a);

// Canonical big-endian encoding, 73 bytes.
void to_bytes73(const Fp& a, std::uint8_t* out);
void to_bytes73(const Fr& a, std::uint8_t* out);
Bytes to_bytes73(const Fr& a);

// Parses BE(bytes) (any length) into the field; throws std::invalid_argument naming `what`
// when the integer is not below the modulus.
Fp fp_from_be(ByteView bytes, const char* what = "Fp element");
Fr fr_from_be(ByteView bytes, const char* what = "Fr element");

// An integer below 2^576 reduced mod r (used for seeds and random scalars).
Fr fr_reduce(const Scalar& wide);

// The canonical scalar of an Fr element, for MSM input.
inline Scalar to_scalar(const Fr& a) { return to_canonical(a); }
inline Fr from_scalar(const Scalar& s) { return fr_reduce(s); }

}  // namespace proofgrid::kzg
