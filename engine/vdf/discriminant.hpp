#pragma once
// CreateDiscriminant (spec vdf-wesolowski.md §3): the challenge picks a 2048-bit prime
// p ≡ 7 (mod 8) and the class group of discriminant D = −p is where the VDF runs.
#include <cstdint>
#include <span>

#include "engine/common/bytes.hpp"
#include "engine/common/isa.hpp"
#include "engine/vdf/mpz.hpp"

namespace proofgrid::vdf {

inline constexpr unsigned kDiscriminantBits = 2048;
// M = 8·3·5·7·11·13: candidates walk the progression n1 + M·i.
inline constexpr std::uint32_t kWheelModulus = 120120;

// The 5760 residues r < M with r ≡ 7 (mod 8) and gcd(r, 3·5·7·11·13) = 1, ascending (§1).
std::span<const std::uint32_t> wheel_residues();

// §3 steps 1-5: the first candidate n1 for a `bits`-bit discriminant (bits ≥ 16).
Mpz progression_start(ByteView seed, unsigned bits = kDiscriminantBits);

// The reference walk: n1, n1 + M, n1 + 2M, ... until mpz_probab_prime_p(n, 1) != 0.
// Returns D = −p. Slow (hundreds of ms at 2048 bits); the fast path is checked against it.
Mpz create_discriminant_reference(ByteView seed, unsigned bits = kDiscriminantBits);

// The same value for 2048-bit discriminants, fast: −smallest_prime_in_progression(n1).
// IFMA arithmetic at Isa::kAvx512Ifma, GMP at kScalar (same answer, several times slower).
Mpz create_discriminant(ByteView seed, Isa isa = best_isa());

// The smallest n + M·i (i ≥ 0) with mpz_probab_prime_p(·, 1) != 0: sieve the progression,
// then the base-2 strong probable-prime test on the survivors, four at a time, and BPSW on
// the first that passes. Fast for 2041..2048-bit n ≡ 3 (mod 4); correct for any n ≥ 2^20
// (no candidate is itself a sieve prime) with gcd(n, M) = 1 (else it never returns).
Mpz smallest_prime_in_progression(Mpz n, Isa isa = best_isa());

}  // namespace proofgrid::vdf
