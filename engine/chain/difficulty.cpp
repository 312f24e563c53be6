#include "engine/chain/difficulty.hpp"

namespace proofgrid::chain {

std::uint32_t difficulty_for_increment(std::uint64_t increment) {
  const std::uint64_t drop = increment / 4;
  if (drop >= kInitialDifficulty - kMinimumDifficulty) return kMinimumDifficulty;
  return kInitialDifficulty - static_cast<std::uint32_t>(drop);
}

}  // namespace proofgrid::chain
