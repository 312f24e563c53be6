#pragma once
// The Fiat–Shamir prime ℓ = HashPrime(Enc(x), Enc(y), T) (spec §6): the first j whose
// SHA-256("prime" ‖ BE64(j) ‖ xb ‖ yb ‖ BE32(T)) has a prime leading 128 bits.
#include <cstdint>

#include "engine/vdf/encoding.hpp"

namespace proofgrid::vdf {

struct U128 {
  std::uint64_t hi = 0, lo = 0;
  friend bool operator==(const U128&, const U128&) = default;
};

U128 hash_prime(const EncodedForm& x, const EncodedForm& y, std::uint32_t difficulty);

// Primality of a 128-bit number with the spec's predicate (BPSW); exact for n < 2^64 too.
bool is_prime_u128(U128 n);

Mpz to_mpz(U128 v);

}  // namespace proofgrid::vdf
