#include "engine/chain/record_verify.hpp"

#include <algorithm>
#include <string>

#include "engine/chain/byte_compare.hpp"
#include "engine/chain/record.hpp"
#include "engine/common/hash.hpp"
#include "engine/kzg/round_commitment.hpp"
#include "engine/vdf/vdf.hpp"

namespace proofgrid::chain {
std::string_view to_string(Check check) {
  switch (check) {
    case Check::layout: return "layout";
    case Check::selection: return "selection";
    case Check::vdf: return "vdf";
    case Check::digest: return "digest";
    case Check::commitment: return "commitment";
    case Check::opening: return "opening";
    case Check::continuity: return "continuity";
  }
  return "unknown";
}

bool RecordVerdict::failed(Check check) const {
  return std::any_of(failures.begin(), failures.end(), [&](const RecordFailure& f) { return f.check == check; });
}

RecordVerdict verify_record(const ChainIdentity& identity, ByteView record, const RecordEvidence& e,
                            const kzg::Srs& srs, const kzg::Kernels& kernels) {
  RecordVerdict v;
  auto fail = [&](Check c, std::string detail) { v.failures.push_back({c, std::move(detail)}); };
  const std::string k = std::to_string(e.increment);

  if (e.expected_challenge && !same_bytes(*e.expected_challenge, e.challenge))
    fail(Check::continuity, "record " + k + "'s challenge " + brief_hex(e.challenge) +
                                " is not the previous commitment " + brief_hex(*e.expected_challenge));

  if (e.parallelism == 0 || record.size() != record_size(e.parallelism)) {
    fail(Check::layout, "record " + k + " has " + std::to_string(record.size()) + " bytes; a " +
                            std::to_string(e.parallelism) + "-slot round's record has " +
                            (e.parallelism ? std::to_string(record_size(e.parallelism)) : "none"));
    return v;
  }
  const RecordFields f = split_record(record, e.parallelism);
  if (f.idx >= e.parallelism) {
    fail(Check::layout, "record " + k + " opens slot " + std::to_string(f.idx) + " of a " +
                            std::to_string(e.parallelism) + "-slot round");
    return v;
  }
  if (!e.next_commitment.empty()) {
    const std::size_t want = kzg::opening_index(e.next_commitment, e.parallelism);
    if (want != f.idx)
      fail(Check::selection, "record " + k + " opens slot " + std::to_string(f.idx) +
                                 " but the next round's commitment selects slot " + std::to_string(want));
  }

  const std::uint32_t t = identity.difficulty(e.increment);
  if (!vdf::verify(identity.slot_challenge(f.idx, e.challenge), t, f.output))
    fail(Check::vdf, "record " + k + "'s VDF output does not verify for slot " + std::to_string(f.idx) +
                         " at T = " + std::to_string(t));

  if (e.digests.size() != e.parallelism * kzg::kDigestBytes) {
    fail(Check::digest, "round " + k + " has " + std::to_string(e.digests.size()) +
                            " bytes of digests; " + std::to_string(e.parallelism) + " slots need " +
                            std::to_string(e.parallelism * kzg::kDigestBytes));
    return v;  // without all digests neither C nor π can be recomputed
  }
  const Digest64 h = sha3_512(f.output);
  if (!same_bytes(h, e.digests.subspan(f.idx * kzg::kDigestBytes, kzg::kDigestBytes)))
    fail(Check::digest, "SHA3-512 of record " + k + "'s output is not digest " + std::to_string(f.idx) +
                            " of its round");
  if (!same_bytes(kzg::commit_round(srs, e.digests, kernels), f.commitment))
    fail(Check::commitment, "record " + k + "'s commitment " + brief_hex(f.commitment) +
                                " is not the commitment of its round's digests");
  if (!same_bytes(kzg::prove_round(srs, e.digests, f.idx, kernels), f.proof))
    fail(Check::opening, "record " + k + "'s opening proof " + brief_hex(f.proof) +
                             " is not the opening of slot " + std::to_string(f.idx) + " of its round's digests");
  return v;
}

}  // namespace proofgrid::chain
