// The record verifier against the vector file's records (evidence taken straight from the
// file, not from our chain code), and one tampering per field: each must fail exactly the
// checks that field feeds.
#include <catch2/catch.hpp>

#include <set>

#include "engine/chain/record.hpp"
#include "engine/chain/record_verify.hpp"
#include "engine/kzg/round_commitment.hpp"
#include "tests/unit/chain/chain_test_support.hpp"

using namespace proofgrid;
using namespace proofgrid::chain;
using namespace proofgrid::chain::test;

namespace {

// Everything verify_record needs for record n of the vector file, owned.
struct VectorCase {
  Bytes record, challenge, digests, next_commitment, expected_challenge;
  std::uint64_t increment = 0;
  std::size_t p = 0;

  RecordEvidence evidence() const {
    RecordEvidence e;
    e.increment = increment;
    e.parallelism = p;
    e.challenge = challenge;
    e.digests = digests;
    e.next_commitment = next_commitment;
    e.expected_challenge = ByteView(expected_challenge);
    return e;
  }
};

VectorCase vector_case(std::size_t n) {
  const auto& c = vector_chain();
  const auto& rec = c.at("records")[n];
  const auto& round = c.at("rounds")[n];
  VectorCase v;
  v.record = hex_field(rec, "record_hex");
  v.challenge = hex_field(rec, "challenge_hex");
  for (const auto& d : round.at("digests_hex")) append(v.digests, from_hex(d.get<std::string>()));
  v.next_commitment = hex_field(c.at("rounds")[n + 1], "commitment_hex");
  v.expected_challenge = n == 0 ? hex_field(c, "genesis_hex") : hex_field(c.at("records")[n - 1], "commitment_hex");
  v.increment = rec.at("increment").get<std::uint64_t>();
  v.p = rec.at("P").get<std::size_t>();
  return v;
}

std::set<Check> failed_checks(const RecordVerdict& v) {
  std::set<Check> s;
  for (const auto& f : v.failures) s.insert(f.check);
  return s;
}

RecordVerdict check(const VectorCase& v, const ChainIdentity& id = vector_identity()) {
  return verify_record(id, v.record, v.evidence(), excerpt());
}

}  // namespace

TEST_CASE("the verifier accepts every vector record", "[chain][verify]") {
  for (std::size_t n = 0; n < 4; ++n) {
    INFO("record " << n);
    const RecordVerdict v = check(vector_case(n));
    for (const auto& f : v.failures) INFO(std::string(to_string(f.check)) << ": " << f.detail);
    CHECK(v.ok());
  }
}

TEST_CASE("tampering with any field fails exactly the checks that field feeds", "[chain][verify]") {
  const VectorCase good = vector_case(1);
  REQUIRE(check(good).ok());
  const std::size_t commitment_at = 4 + 516, proof_at = commitment_at + 74;

  SECTION("index pointing at another slot") {
    VectorCase v = good;
    const std::uint32_t other = (read_be32(v.record) + 1) % 3;
    v.record[3] = static_cast<std::uint8_t>(other);
    // Another slot: the next commitment selects differently, the output is not that slot's
    // VDF nor its digest, and the proof opens the wrong position.
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::selection, Check::vdf, Check::digest, Check::opening});
  }
  SECTION("index outside the round") {
    VectorCase v = good;
    v.record[3] = 3;
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::layout});
  }
  SECTION("a byte of the VDF output") {
    VectorCase v = good;
    v.record[4 + 300] ^= 0x01;
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::vdf, Check::digest});
  }
  SECTION("a byte of the commitment") {
    VectorCase v = good;
    v.record[commitment_at + 40] ^= 0x01;
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::commitment});
  }
  SECTION("a byte of the opening proof") {
    VectorCase v = good;
    v.record[proof_at + 73] ^= 0x01;
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::opening});
  }
  SECTION("the stored challenge") {
    VectorCase v = good;
    v.challenge[10] ^= 0x01;
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::continuity, Check::vdf});
  }
  SECTION("the previous record's commitment (a broken link)") {
    VectorCase v = good;
    v.expected_challenge[0] ^= 0x01;
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::continuity});
  }
  SECTION("a digest of another slot of the round") {
    VectorCase v = good;
    const std::uint32_t idx = read_be32(v.record);
    v.digests[64 * ((idx + 1) % 3) + 5] ^= 0x01;
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::commitment, Check::opening});
  }
  SECTION("the opened slot's digest") {
    VectorCase v = good;
    v.digests[64 * read_be32(v.record)] ^= 0x80;
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::digest, Check::commitment, Check::opening});
  }
  SECTION("missing digests") {
    VectorCase v = good;
    v.digests.resize(128);
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::digest});
  }
  SECTION("a next commitment that selects another slot") {
    VectorCase v = good;
    const std::size_t idx = read_be32(v.record);
    for (std::uint8_t b = 1; kzg::opening_index(v.next_commitment, 3) == idx; ++b) v.next_commitment[73] ^= b;
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::selection});
  }
  SECTION("a truncated or extended record") {
    VectorCase v = good;
    v.record.pop_back();
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::layout});
    v.record.resize(668 + 74);
    CHECK(failed_checks(check(v)) == std::set<Check>{Check::layout});
  }
  SECTION("another identity or difficulty") {
    ChainIdentity id = vector_identity();
    id.fixed_difficulty = 201;
    CHECK(failed_checks(check(good, id)) == std::set<Check>{Check::vdf});
    id = vector_identity();
    id.peer_id[0] ^= 0x01;
    CHECK(failed_checks(check(good, id)) == std::set<Check>{Check::vdf});
  }
}

TEST_CASE("failures explain themselves", "[chain][verify]") {
  VectorCase v = vector_case(2);
  v.record[4 + 516 + 5] ^= 0x01;
  const RecordVerdict verdict = check(v);
  REQUIRE(verdict.failures.size() == 1);
  CHECK(verdict.failed(Check::commitment));
  CHECK(verdict.failures[0].detail.find("record 2") != std::string::npos);
  CHECK(to_string(Check::opening) == "opening");
}
