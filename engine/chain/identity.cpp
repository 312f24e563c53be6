#include "engine/chain/identity.hpp"

#include "engine/chain/difficulty.hpp"
#include "engine/chain/slot_seed.hpp"

namespace proofgrid::chain {

std::uint32_t ChainIdentity::difficulty(std::uint64_t increment) const {
  return fixed_difficulty != 0 ? fixed_difficulty : difficulty_for_increment(increment);
}

Bytes ChainIdentity::round_input(ByteView previous_commitment) const {
  Bytes input;
  input.reserve(peer_id.size() + previous_commitment.size());
  append(input, peer_id);
  append(input, previous_commitment);
  return input;
}

Digest32 ChainIdentity::slot_challenge(std::uint32_t slot, ByteView previous_commitment) const {
  return slot_seed(slot, round_input(previous_commitment));
}

}  // namespace proofgrid::chain
