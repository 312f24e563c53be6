#pragma once
// Small helpers the chain and its store share for comparing byte strings and naming them in
// messages.
#include <algorithm>
#include <cstddef>
#include <string>

#include "engine/common/bytes.hpp"

namespace proofgrid::chain {

inline bool same_bytes(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

// The first `digits` hex digits and "…" (a commitment is 148 digits; messages need a hint).
inline std::string brief_hex(ByteView b, std::size_t digits = 16) {
  std::string h = to_hex(b);
  if (h.size() > digits) h = h.substr(0, digits) + "…";
  return h;
}

}  // namespace proofgrid::chain
