#pragma once
// The spec's primality predicate (§2): Baillie–PSW, answering like GMP's
// mpz_probab_prime_p(n, 1) != 0 (a strong probable-prime test to base 2, then a strong Lucas
// test with Selfridge's parameters; no BPSW pseudoprime is known).
//
// For the 2048-bit candidates of CreateDiscriminant both halves run on the AVX-512 IFMA
// arithmetic when the caller asks for Isa::kAvx512Ifma (the Lucas half as three squarings per
// bit, ifma_batch); every other input goes to GMP itself. Both levels answer the same.
#include <span>

#include "engine/common/isa.hpp"
#include "engine/vdf/mpz.hpp"

namespace proofgrid::vdf {

bool is_probable_prime(const Mpz& n, Isa isa = best_isa());

// The index of the first candidate for which is_probable_prime holds, or candidates.size().
// On the fast path runs of candidates take the base-2 test four at a time (ifma_batch).
std::size_t first_probable_prime(std::span<const Mpz> candidates, Isa isa = best_isa());

// The strong Lucas half of BPSW alone (Selfridge's parameters; false if none exists, i.e. n is
// a square or has a small factor), on the fast path for 2041..2048-bit odd n when available.
bool strong_lucas_probable_prime(const Mpz& n, Isa isa = best_isa());

// BPSW on the GMP engine of lucas.hpp, for any n: the yardstick the fast path is tested with.
bool bpsw_reference(const Mpz& n);

// True when is_probable_prime at this level runs its own 2048-bit arithmetic (IFMA).
bool fast_primality_available(Isa isa = best_isa());

}  // namespace proofgrid::vdf
