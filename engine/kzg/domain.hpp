#pragma once
// Polynomial sizes, roots of unity and the reference's root tables (spec §5).
//
// omega_N = 37^floor((r-1)/N) mod r. r - 1 has 2-adicity 10, so for N <= 1024 omega_N has order
// exactly N ("real domains"); for N = 2048 and 65536 it has no order N ("pseudo-roots"), and
// only the reference's exact table and butterfly order reproduce its bytes (§8.2, §9).
#include <cstddef>
#include <span>
#include <vector>

#include "engine/kzg/field_types.hpp"

namespace proofgrid::kzg {

inline constexpr std::size_t kMaxRealDomain = 1024;

// The sizes the reference ceremony has tables for: 16 ... 1024, 2048, 65536.
bool is_supported_poly_size(std::size_t n);
// True for the real evaluation domains 16 ... 1024.
bool is_real_domain(std::size_t n);
// Throws std::invalid_argument with the list of valid sizes when n is not supported.
void require_supported_poly_size(std::size_t n);

// omega_N as defined above (computed, never loaded).
Fr root_of_unity(std::size_t n);

// T_N: omega^0 ... omega^(N-1), then the literal 1 (N + 1 entries).
std::vector<Fr> roots_table(std::size_t n);

}  // namespace proofgrid::kzg
