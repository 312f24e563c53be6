#include "engine/chain/record.hpp"

#include <chrono>
#include <stdexcept>
#include <string>

#include "engine/kzg/round_commitment.hpp"

namespace proofgrid::chain {

std::size_t record_size(std::size_t parallelism) { return kzg::round_layout(parallelism).record_bytes(); }

RecordFields split_record(ByteView bytes, std::size_t parallelism) {
  const kzg::RoundLayout layout = kzg::round_layout(parallelism);
  if (bytes.size() != layout.record_bytes()) {
    throw std::invalid_argument("a record of a " + std::to_string(parallelism) + "-slot round has " +
                                std::to_string(layout.record_bytes()) + " bytes, this one " +
                                std::to_string(bytes.size()));
  }
  RecordFields f;
  f.idx = read_be32(bytes);
  f.output = bytes.subspan(4, kzg::kVdfProofBytes);
  f.commitment = bytes.subspan(4 + kzg::kVdfProofBytes, layout.commitment_bytes());
  f.proof = bytes.subspan(4 + kzg::kVdfProofBytes + layout.commitment_bytes(), kzg::kG1Bytes);
  return f;
}

Record make_record(const CommittedRound& round, ByteView next_commitment, const kzg::Srs& srs,
                   const kzg::Kernels& kernels) {
  const std::size_t p = round.parallelism();
  if (next_commitment.empty())
    throw std::invalid_argument("the record of round " + std::to_string(round.increment) +
                                " needs the next round's commitment");
  const auto start = std::chrono::steady_clock::now();
  Record r;
  r.increment = round.increment;
  r.parallelism = p;
  r.idx = static_cast<std::uint32_t>(kzg::opening_index(next_commitment, p));
  r.challenge = round.challenge;
  const kzg::G1Bytes proof = kzg::prove_round(srs, round.digests, r.idx, kernels);
  r.bytes.reserve(record_size(p));
  append_be32(r.bytes, r.idx);
  append(r.bytes, round.outputs[r.idx]);
  append(r.bytes, round.commitment);
  append(r.bytes, proof);
  r.prove_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace proofgrid::chain
