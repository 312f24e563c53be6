#pragma once
// How a proving round binds its P digests (docs/kzg.md, "Rounds and soundness").
//
//   P <= 1024: one commitment at N(P) in {128, 1024}, byte-compatible with the reference
//              (record = 668 bytes).
//   P  > 1024: the digests split into m = ceil(P / 1024) chunks of at most 1024, each
//              committed at N = 1024; C_k is the concatenation of the m chunk commitments
//              (74 m bytes) and the opening of slot idx is position idx mod 1024 in chunk
//              idx / 1024. Record: BE32(idx) || out_idx || C_k || pi = 668 + 74 (m - 1) bytes.
//              Sound (only real domains are used), explicitly not reference-compatible.
//
// The reference's own N = 2048 / 65536 rule (reference_poly_size) exists for compatibility
// tooling only; those sizes are never used for records (spec §9: not sound).
#include <cstddef>

#include "engine/common/bytes.hpp"
#include "engine/kzg/kzg.hpp"

namespace proofgrid::kzg {

inline constexpr std::size_t kDigestBytes = 64;      // SHA3-512 of a worker's proof
inline constexpr std::size_t kChunkSlots = 1024;     // the largest real domain
inline constexpr std::size_t kVdfProofBytes = 516;
inline constexpr std::size_t kReferenceRecordBytes = 4 + kVdfProofBytes + 2 * kG1Bytes;  // 668

// N(P) of this engine: 128 for P <= 128, else 1024 (per chunk). Throws for P = 0.
std::size_t poly_size(std::size_t p);
// The reference's PolySize rule (spec §10.1): 128, 1024, 2048 or 65536. Throws for P = 0 or
// P > 65536.
std::size_t reference_poly_size(std::size_t p);

struct RoundLayout {
  std::size_t slots = 0;      // P
  std::size_t chunks = 0;     // m = ceil(P / 1024)
  std::size_t poly_size = 0;  // N of every chunk
  std::size_t commitment_bytes() const { return kG1Bytes * chunks; }
  std::size_t record_bytes() const { return kReferenceRecordBytes + kG1Bytes * (chunks - 1); }
  // Slot -> (chunk, position inside the chunk).
  std::size_t chunk_of(std::size_t slot) const { return slot / kChunkSlots; }
  std::size_t position_of(std::size_t slot) const { return slot % kChunkSlots; }
  // Number of slots in chunk c.
  std::size_t chunk_slots(std::size_t c) const;
};
RoundLayout round_layout(std::size_t p);

// C_k for the digests h_0 || ... || h_{P-1} (64 P bytes): 74 m bytes.
Bytes commit_round(const Srs& srs, ByteView digests, const Kernels& kernels = cpu_kernels());
// pi for slot idx of the same digests: 74 bytes.
G1Bytes prove_round(const Srs& srs, ByteView digests, std::size_t idx, const Kernels& kernels = cpu_kernels());

// idx = BE(SHA3-256(C)) mod P, the index a round's commitment selects (spec §10.2; the chain
// applies it to the previous round, §10.3). Works for any commitment length.
std::size_t opening_index(ByteView commitment, std::size_t p);

}  // namespace proofgrid::kzg
