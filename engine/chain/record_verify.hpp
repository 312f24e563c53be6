#pragma once
// Checking a record against the chain's rules without trusting whoever stored it
// (time-proof-chain.md, "What a verifier checks"; docs/chain.md):
//
//   layout      length fits P (668 + 74 (m − 1)) and idx < P
//   selection   idx = BE(SHA3-256(C_{k+1})) mod P            (when C_{k+1} is known)
//   vdf         VDF.Verify(SHA3-256(BE32(idx) ‖ peerId ‖ C_{k-1}), D(k), out_idx)
//   digest      SHA3-512(out_idx) = h_idx of the round's stored digests
//   commitment  kzg::commit_round(digests) = the record's C_k, bit for bit
//   opening     kzg::prove_round(digests, idx) = the record's π, bit for bit
//   continuity  the record's challenge = the previous record's commitment (genesis for k = 0)
//
// The opening is recomputed from all P digests, so no pairing is needed and the check is as
// strict as the pairing (stricter: it also pins π to the one the rules produce).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/chain/identity.hpp"
#include "engine/common/bytes.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/kzg/srs.hpp"

namespace proofgrid::chain {

enum class Check { layout, selection, vdf, digest, commitment, opening, continuity };
std::string_view to_string(Check check);

struct RecordFailure {
  Check check;
  std::string detail;  // one sentence for an operator
};

// What verify_record needs besides the record bytes.
struct RecordEvidence {
  std::uint64_t increment = 0;
  std::size_t parallelism = 0;  // P of the record's round
  ByteView challenge;           // C_{k-1}, as stored with the record
  ByteView digests;             // h_0 ‖ … ‖ h_{P-1} of the record's round
  ByteView next_commitment;     // C_{k+1}; empty: selection is not checked
  // What the chain says the challenge must be: the previous record's commitment, or the
  // genesis for increment 0. nullopt: continuity is not checked (e.g. the previous record is
  // missing — a gap, reported as such by the caller).
  std::optional<ByteView> expected_challenge;
};

struct RecordVerdict {
  std::vector<RecordFailure> failures;
  bool ok() const { return failures.empty(); }
  bool failed(Check check) const;
};

// Never throws for bad record contents (they become failures); throws kzg::SrsError when the
// SRS cannot serve the round's polynomial size.
RecordVerdict verify_record(const ChainIdentity& identity, ByteView record, const RecordEvidence& evidence,
                            const kzg::Srs& srs, const kzg::Kernels& kernels = kzg::cpu_kernels());

}  // namespace proofgrid::chain
