#pragma once
// The difficulty schedule of the time-proof chain: D(k) = 200000 − floor(k/4), and 25000
// once that would drop below 25000 (from increment 700000 on).
#include <cstdint>

namespace proofgrid::chain {

inline constexpr std::uint32_t kInitialDifficulty = 200000;
inline constexpr std::uint32_t kMinimumDifficulty = 25000;

std::uint32_t difficulty_for_increment(std::uint64_t increment);

}  // namespace proofgrid::chain
