#pragma once
// The record of round k (time-proof-chain.md step 6, kzg-bls48581.md §10.4), written once
// round k+1's commitment exists:
//
//   idx_k  = BE(SHA3-256(C_{k+1})) mod P_k                 (the NEXT round picks the opening)
//   record = BE32(idx_k) ‖ out^{(k)}_{idx} ‖ C_k ‖ π_k      (π_k = opening of h_idx in round k)
//
// stored with increment k, P_k and its challenge C_{k-1}. Note which C is where: the record
// of increment k carries its own round's commitment C_k (bytes 520…593), its challenge is
// C_{k-1}, and the C that chose idx (C_{k+1}) is in neither. 668 bytes for P ≤ 1024; a
// chunked round (P > 1024, docs/kzg.md) has a 74 m-byte C_k, so 668 + 74 (m − 1) bytes.
#include <cstddef>
#include <cstdint>

#include "engine/chain/round.hpp"
#include "engine/common/bytes.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/kzg/srs.hpp"

namespace proofgrid::chain {

struct Record {
  std::uint64_t increment = 0;
  std::size_t parallelism = 0;  // P of its round
  std::uint32_t idx = 0;
  Bytes challenge;              // C_{k-1}
  Bytes bytes;                  // BE32(idx) ‖ out_idx ‖ C_k ‖ π
  double prove_seconds = 0;
};

// Views into a record's bytes.
struct RecordFields {
  std::uint32_t idx = 0;
  ByteView output;      // 516 bytes
  ByteView commitment;  // C_k: 74 m bytes
  ByteView proof;       // π: 74 bytes
};

// Record length for a round of P slots (668 for P ≤ 1024).
std::size_t record_size(std::size_t parallelism);

// Splits a record of a round with `parallelism` slots. Throws std::invalid_argument when the
// length does not match that P (the index is not checked here; see verify_record).
RecordFields split_record(ByteView bytes, std::size_t parallelism);

// The record of `round`, opened at the index `next_commitment` (C_{k+1}) selects.
Record make_record(const CommittedRound& round, ByteView next_commitment, const kzg::Srs& srs,
                   const kzg::Kernels& kernels = kzg::cpu_kernels());

}  // namespace proofgrid::chain
