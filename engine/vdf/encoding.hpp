#pragma once
// Serialization of forms (spec §5): Enc(a, b) = TC129(a) ‖ TC129(b), big-endian two's
// complement, 258 bytes; c is never sent. The VDF output is Enc(y) ‖ Enc(π), 516 bytes.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "engine/common/bytes.hpp"
#include "engine/vdf/form.hpp"

namespace proofgrid::vdf {

inline constexpr std::size_t kFieldSize = 129;
inline constexpr std::size_t kFormSize = 2 * kFieldSize;
inline constexpr std::size_t kOutputSize = 2 * kFormSize;

using EncodedForm = std::array<std::uint8_t, kFormSize>;
using Output = std::array<std::uint8_t, kOutputSize>;

// Writes v as a 129-byte two's-complement big-endian field. Throws std::range_error if v does
// not fit (never for a reduced 2048-bit form).
void encode_field(const Mpz& v, std::uint8_t* out);
Mpz decode_field(const std::uint8_t* in);

EncodedForm encode_form(const Form& f);

// Decodes 258 bytes into a form of discriminant d. Returns nothing unless a > 0 and
// 4a | b² − d (that is: unless the bytes name a real positive definite form).
std::optional<Form> decode_form(ByteView bytes, const Mpz& d);

}  // namespace proofgrid::vdf
