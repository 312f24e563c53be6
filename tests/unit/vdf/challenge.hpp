#pragma once
// Test challenges: SHA3-256 of a label, as the public vectors make theirs.
#include <string>

#include "engine/common/hash.hpp"

namespace proofgrid::vdf::test {

inline Bytes challenge_of(const std::string& text) {
  const Digest32 d = sha3_256(as_bytes(text));
  return Bytes(d.begin(), d.end());
}

}  // namespace proofgrid::vdf::test
