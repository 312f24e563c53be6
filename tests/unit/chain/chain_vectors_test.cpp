// The public reference chain (../shared/vectors/time_proof_chain.json), byte for byte: every
// round's input, slot challenges and outputs, digests, data hash and commitment, and every
// record's index, challenge, fields, bytes and SHA3-256 — computed by the same ChainState
// and simulate() that `proofgrid chain simulate` and the control process use.
#include <catch2/catch.hpp>

#include "engine/chain/record.hpp"
#include "engine/vdf/vdf.hpp"
#include "tests/unit/chain/chain_test_support.hpp"

using namespace proofgrid;
using namespace proofgrid::chain;
using namespace proofgrid::chain::test;

namespace {

// The vector chain computed once per test process.
const std::vector<RoundResult>& computed() {
  static const std::vector<RoundResult> results = [] {
    ChainState state(vector_identity());
    const auto& c = vector_chain();
    return run_rounds(state, c.at("rounds_count").get<std::uint64_t>(), constant_p(c.at("P").get<std::size_t>()));
  }();
  return results;
}

std::string hex_of(ByteView b) { return to_hex(b); }

}  // namespace

TEST_CASE("vector parameters are what the file says", "[chain][vectors]") {
  const auto& c = vector_chain();
  const ChainIdentity id = vector_identity();
  CHECK(to_hex(sha3_256(as_bytes("proofgrid-public-peer"))) == to_hex(id.peer_id));
  CHECK(id.genesis == Bytes(74, 0));
  CHECK(c.at("N").get<int>() == 128);
  REQUIRE(c.at("rounds").size() == 5);
  REQUIRE(c.at("records").size() == 4);
}

TEST_CASE("every round of the vector chain is reproduced byte for byte", "[chain][vectors]") {
  const auto& rounds = vector_chain().at("rounds");
  const auto& results = computed();
  REQUIRE(results.size() == rounds.size());
  const ChainIdentity id = vector_identity();
  for (std::size_t k = 0; k < rounds.size(); ++k) {
    const auto& want = rounds[k];
    const CommittedRound& got = results[k].round;
    INFO("round " << k);
    CHECK(got.increment == want.at("k").get<std::uint64_t>());
    CHECK(to_hex(id.round_input(got.challenge)) == want.at("input_hex").get<std::string>());
    REQUIRE(got.parallelism() == want.at("out_hex").size());
    for (std::size_t i = 0; i < got.parallelism(); ++i) {
      INFO("slot " << i);
      CHECK(to_hex(id.slot_challenge(static_cast<std::uint32_t>(i), got.challenge)) ==
            want.at("vdf_challenges_hex")[i].get<std::string>());
      CHECK(hex_of(got.outputs[i]) == want.at("out_hex")[i].get<std::string>());
      CHECK(to_hex(ByteView(got.digests).subspan(64 * i, 64)) == want.at("digests_hex")[i].get<std::string>());
    }
    CHECK(to_hex(sha3_256(got.digests)) == want.at("data_sha3_256").get<std::string>());
    CHECK(to_hex(got.commitment) == want.at("commitment_hex").get<std::string>());
    // Round k's commitment selects the opening of round k-1.
    if (want.contains("idx_for_previous_round")) {
      REQUIRE(results[k].record);
      CHECK(results[k].record->idx == want.at("idx_for_previous_round").get<std::uint32_t>());
    } else {
      CHECK_FALSE(results[k].record);
    }
  }
}

TEST_CASE("every record of the vector chain is reproduced byte for byte", "[chain][vectors]") {
  const auto& records = vector_chain().at("records");
  const auto& results = computed();
  const ChainIdentity id = vector_identity();
  for (std::size_t n = 0; n < records.size(); ++n) {
    const auto& want = records[n];
    INFO("record " << n);
    // The record of increment n is made by round n + 1.
    REQUIRE(results.at(n + 1).record);
    const Record& got = *results[n + 1].record;
    CHECK(got.increment == want.at("increment").get<std::uint64_t>());
    CHECK(got.parallelism == want.at("P").get<std::size_t>());
    CHECK(got.idx == want.at("idx").get<std::uint32_t>());
    CHECK(to_hex(got.challenge) == want.at("challenge_hex").get<std::string>());
    REQUIRE(got.bytes.size() == 668);
    CHECK(to_hex(got.bytes) == want.at("record_hex").get<std::string>());
    CHECK(to_hex(sha3_256(got.bytes)) == want.at("record_sha3_256").get<std::string>());

    // Which bytes are where (spec §10.4): C of the record's own round at 520…593.
    const RecordFields f = split_record(got.bytes, got.parallelism);
    CHECK(f.idx == got.idx);
    CHECK(to_hex(f.commitment) == want.at("commitment_hex").get<std::string>());
    CHECK(f.commitment.size() == 74);
    CHECK(to_hex(f.commitment) == to_hex(results[n].round.commitment));
    CHECK(to_hex(f.proof) == want.at("kzg_proof_hex").get<std::string>());
    CHECK(to_hex(sha3_512(f.output)) == want.at("opened_value_hex").get<std::string>());
    CHECK(hex_of(f.output) == hex_of(results[n].round.outputs[got.idx]));
    CHECK(to_hex(id.slot_challenge(got.idx, got.challenge)) == want.at("vdf_challenge_hex").get<std::string>());

    // The VDF part verifies at T and not at T + 1 (as the file states of the reference).
    const Bytes seed = hex_field(want, "vdf_challenge_hex");
    CHECK(vdf::verify(seed, 200, f.output));
    CHECK_FALSE(vdf::verify(seed, 201, f.output));
    // Continuity: each record's challenge is the previous record's commitment.
    if (n > 0) CHECK(want.at("challenge_hex") == records[n - 1].at("commitment_hex"));
  }
}
