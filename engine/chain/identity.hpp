#pragma once
// Whose chain this is: the identity bytes, the value before round 0 and the difficulty rule
// (time-proof-chain.md, "Identity and inputs"). Two nodes with the same identity compute the
// same chain byte for byte; the store refuses to continue a chain under another identity.
#include <cstddef>
#include <cstdint>

#include "engine/common/bytes.hpp"
#include "engine/common/hash.hpp"

namespace proofgrid::chain {

inline constexpr std::size_t kDefaultGenesisBytes = 74;

struct ChainIdentity {
  Bytes peer_id;                                    // engine.peerId (non-empty)
  Bytes genesis = Bytes(kDefaultGenesisBytes, 0);  // C_{-1}, any length
  std::uint32_t fixed_difficulty = 0;               // 0: the schedule D(k)

  // T of round `increment`: fixed_difficulty when set, else difficulty_for_increment.
  std::uint32_t difficulty(std::uint64_t increment) const;
  // input_k = peerId ‖ C_{k-1}.
  Bytes round_input(ByteView previous_commitment) const;
  // A slot's VDF challenge SHA3-256(BE32(slot) ‖ peerId ‖ C_{k-1}); a verifier recomputes it
  // from a record's index and challenge.
  Digest32 slot_challenge(std::uint32_t slot, ByteView previous_commitment) const;

  friend bool operator==(const ChainIdentity&, const ChainIdentity&) = default;
};

}  // namespace proofgrid::chain
