#pragma once
// The VDF challenge of a slot (time-proof-chain.md, round k step 2):
// SHA3-256(BE32(i) ‖ input_k). The slot index is part of the seed, so any worker can compute
// any slot's proof.
#include <cstdint>

#include "engine/common/bytes.hpp"
#include "engine/common/hash.hpp"

namespace proofgrid::chain {

Digest32 slot_seed(std::uint32_t slot, ByteView input);

}  // namespace proofgrid::chain
