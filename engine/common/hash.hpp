#pragma once
// The hash functions the specs name, all through OpenSSL 3 (no home-made cryptography).
#include <array>
#include <cstdint>

#include "engine/common/bytes.hpp"

namespace proofgrid {

using Digest32 = std::array<std::uint8_t, 32>;
using Digest64 = std::array<std::uint8_t, 64>;

Digest32 sha256(ByteView data);
Digest32 sha3_256(ByteView data);
Digest64 sha3_512(ByteView data);
Bytes shake256(ByteView data, std::size_t out_len);

// Incremental SHA-256 for hot paths that hash several pieces (VDF's HashPrime) without
// building a temporary buffer.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256& update(ByteView data);
  Digest32 finish();  // resets the state so the object can be reused

 private:
  void* ctx_;
};

}  // namespace proofgrid
