#pragma once
// The plain VDF (spec §7, §8) on the reference group law of form.hpp: slow, literal, and the
// yardstick for the fast solve/verify in vdf.hpp.
#include <cstdint>

#include "engine/vdf/encoding.hpp"

namespace proofgrid::vdf {

// y = x^(2^T) by T reference squarings, ℓ, then π = x^floor(2^T/ℓ) by square-and-multiply.
Output solve_reference(ByteView challenge, std::uint32_t difficulty);
// The same for a discriminant already derived (create_discriminant_reference of the challenge).
Output solve_reference(const Mpz& d, std::uint32_t difficulty);

// Spec §8 semantics with the §8 recommendation for malformed input: false, never a throw.
bool verify_reference(ByteView challenge, std::uint32_t difficulty, ByteView output) noexcept;
// The same for a discriminant already derived (the verify fuzz target compares it with the
// fast verify on every input, and deriving the discriminant each time would dominate).
bool verify_reference(const Mpz& d, std::uint32_t difficulty, ByteView output) noexcept;

}  // namespace proofgrid::vdf
