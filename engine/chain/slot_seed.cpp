#include "engine/chain/slot_seed.hpp"

namespace proofgrid::chain {

Digest32 slot_seed(std::uint32_t slot, ByteView input) {
  Bytes message;
  message.reserve(4 + input.size());
  append_be32(message, slot);
  append(message, input);
  return sha3_256(message);
}

}  // namespace proofgrid::chain
