#include "engine/kzg/round_commitment.hpp"

#include <stdexcept>
#include <string>

#include "engine/common/hash.hpp"
#include "engine/kzg/limbs.hpp"

namespace proofgrid::kzg {
namespace {

void require_slots(std::size_t p) {
  if (p == 0) throw std::invalid_argument("a round needs at least one slot (P >= 1)");
}

ByteView chunk_digests(ByteView digests, const RoundLayout& layout, std::size_t c) {
  return digests.subspan(c * kChunkSlots * kDigestBytes, layout.chunk_slots(c) * kDigestBytes);
}

}  // namespace

std::size_t poly_size(std::size_t p) {
  require_slots(p);
  return p <= 128 ? 128 : kChunkSlots;
}

std::size_t reference_poly_size(std::size_t p) {
  require_slots(p);
  if (p <= 128) return 128;
  if (p <= 1024) return 1024;
  if (p <= 2048) return 2048;
  if (p <= 65536) return 65536;
  throw std::invalid_argument("the reference supports at most 65536 slots (P = " + std::to_string(p) + ")");
}

std::size_t RoundLayout::chunk_slots(std::size_t c) const {
  if (c >= chunks) throw std::out_of_range("chunk " + std::to_string(c) + " of " + std::to_string(chunks));
  return c + 1 < chunks ? kChunkSlots : slots - kChunkSlots * c;
}

RoundLayout round_layout(std::size_t p) {
  RoundLayout l;
  l.slots = p;
  l.poly_size = poly_size(p);
  l.chunks = (p + kChunkSlots - 1) / kChunkSlots;
  return l;
}

Bytes commit_round(const Srs& srs, ByteView digests, const Kernels& kernels) {
  if (digests.size() % kDigestBytes != 0 || digests.empty()) {
    throw std::invalid_argument("round digests must be a non-empty multiple of 64 bytes (got " +
                                std::to_string(digests.size()) + ")");
  }
  const RoundLayout layout = round_layout(digests.size() / kDigestBytes);
  Bytes out;
  out.reserve(layout.commitment_bytes());
  for (std::size_t c = 0; c < layout.chunks; ++c) {
    const G1Bytes point = commit_raw(srs, chunk_digests(digests, layout, c), layout.poly_size, kernels);
    out.insert(out.end(), point.begin(), point.end());
  }
  return out;
}

G1Bytes prove_round(const Srs& srs, ByteView digests, std::size_t idx, const Kernels& kernels) {
  if (digests.size() % kDigestBytes != 0 || digests.empty()) {
    throw std::invalid_argument("round digests must be a non-empty multiple of 64 bytes (got " +
                                std::to_string(digests.size()) + ")");
  }
  const RoundLayout layout = round_layout(digests.size() / kDigestBytes);
  if (idx >= layout.slots) {
    throw std::invalid_argument("slot " + std::to_string(idx) + " is outside the round's " +
                                std::to_string(layout.slots) + " slots");
  }
  const std::size_t c = layout.chunk_of(idx);
  return prove_raw(srs, chunk_digests(digests, layout, c), layout.position_of(idx), layout.poly_size, kernels);
}

std::size_t opening_index(ByteView commitment, std::size_t p) {
  require_slots(p);
  const Digest32 h = sha3_256(commitment);
  // BE(h) mod p, one byte at a time (p fits comfortably in 64 bits).
  u128 acc = 0;
  for (const std::uint8_t b : h) acc = ((acc << 8) | b) % p;
  return static_cast<std::size_t>(acc);
}

}  // namespace proofgrid::kzg
