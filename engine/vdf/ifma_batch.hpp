#pragma once
// The base-2 strong probable-prime test on four 2048-bit candidates at once, for the survivors
// of CreateDiscriminant's sieve.
//
// "Vertical" SIMD: lane i of every 256-bit vector belongs to candidate i, so one IFMA
// instruction does the same digit product for four moduli. Compared with ifma2048's
// "horizontal" product (one number across the lanes) this needs no lane shifts or broadcasts,
// the squaring's symmetric products are counted once (~4900 vector products per four
// squarings instead of 4 × 800 zmm), and every Montgomery factor q_i is a vector operation.
// Same digits as ifma2048 (40 × 52 bits, R = 2^2080, results < 2n, inputs < 2^16·n).
#include <cstddef>

#include "engine/vdf/ifma2048.hpp"

namespace proofgrid::vdf::ifma {

inline constexpr std::size_t kBatchLanes = 4;

// AVX-512 IFMA on 256-bit vectors (AVX512VL, and DQ) and not switched off by
// PROOFGRID_NO_AVX512.
bool batch_supported();

// ok[i] = (2^((n_i − 1)/2) ≡ ±1 (mod n_i)) for i < count ≤ kBatchLanes, each n_i ≡ 3 (mod 4)
// and set up with setup(). Only call when batch_supported().
void sprp2_batch(const Modulus* const moduli[], std::size_t count, bool ok[]);

// U_k and U_(k+1) (residues in [0, n)) of the Lucas sequence with P = 1, Q = q modulo
// n = m.value, for k ≥ 1 and |q| ≤ 16. The ladder on (U_j, U_(j+1)) needs three squarings
// per bit, one per lane and none of them a general product:
//   U_2j = (U_j + U_(j+1))² − 2·U_j² − U_(j+1)²,  U_(2j+1) = U_(j+1)² − Q·U_j²,
//   U_(2j+2) = U_(2j+1) − Q·U_2j.
// Only call when batch_supported().
void lucas_u_pair(const Modulus& m, const Mpz& k, long q, Mpz& u_k, Mpz& u_k1);

}  // namespace proofgrid::vdf::ifma
