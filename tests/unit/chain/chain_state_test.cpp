// The chain as a state machine: P changing between rounds, resuming from a head, the
// guards against out-of-order use, and a chunked round (P > 1024) under a generated SRS.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "engine/chain/record.hpp"
#include "engine/chain/record_verify.hpp"
#include "engine/kzg/round_commitment.hpp"
#include "engine/kzg/srs_generate.hpp"
#include "engine/vdf/vdf.hpp"
#include "tests/unit/chain/chain_test_support.hpp"

using namespace proofgrid;
using namespace proofgrid::chain;
using namespace proofgrid::chain::test;

namespace {

// Evidence for the record that results[n + 1] completed, from the results themselves.
RecordVerdict verify_in_chain(const ChainIdentity& id, const std::vector<RoundResult>& results, std::size_t n,
                              const kzg::Srs& srs = excerpt()) {
  const Record& r = *results.at(n + 1).record;
  RecordEvidence e;
  e.increment = r.increment;
  e.parallelism = r.parallelism;
  e.challenge = r.challenge;
  e.digests = results[n].round.digests;
  e.next_commitment = results[n + 1].round.commitment;
  e.expected_challenge = n == 0 ? ByteView(id.genesis) : ByteView(results[n - 1].round.commitment);
  const RecordVerdict v = verify_record(id, r.bytes, e, srs);
  for (const auto& f : v.failures) UNSCOPED_INFO(to_string(f.check) << ": " << f.detail);
  return v;
}

}  // namespace

TEST_CASE("P may change from one round to the next", "[chain][state]") {
  const ChainIdentity id = tiny_identity();
  const std::vector<std::size_t> ps = {3, 1, 5, 2, 4, 4};
  ChainState state(id);
  const auto results = run_rounds(state, ps.size(), [&](std::uint64_t k) { return ps.at(k); });
  REQUIRE(results.size() == ps.size());
  for (std::size_t k = 0; k + 1 < results.size(); ++k) {
    INFO("record " << k);
    const Record& r = *results[k + 1].record;
    CHECK(results[k].round.parallelism() == ps[k]);
    CHECK(r.parallelism == ps[k]);
    CHECK(r.idx < ps[k]);
    CHECK(r.idx == kzg::opening_index(results[k + 1].round.commitment, ps[k]));
    CHECK(r.bytes.size() == 668);
    CHECK(verify_in_chain(id, results, k).ok());
  }
  CHECK(state.head()->increment == ps.size() - 1);
  CHECK(state.next_increment() == ps.size());
}

TEST_CASE("a chain resumed from its head continues byte for byte", "[chain][state]") {
  const ChainIdentity id = tiny_identity();
  ChainState straight(id);
  const auto all = run_rounds(straight, 5, constant_p(3));

  ChainState first(id);
  const auto before = run_rounds(first, 2, constant_p(3));
  ChainState resumed(id, before.back().round);  // what the store's load_head gives back
  const auto after = run_rounds(resumed, 3, constant_p(3));
  REQUIRE(after.size() == 3);
  for (std::size_t i = 0; i < after.size(); ++i) {
    INFO("round " << i + 2);
    CHECK(after[i].round.increment == all[i + 2].round.increment);
    CHECK(after[i].round.commitment == all[i + 2].round.commitment);
    REQUIRE(after[i].record);
    CHECK(after[i].record->bytes == all[i + 2].record->bytes);
    CHECK(after[i].record->challenge == all[i + 2].record->challenge);
  }
}

TEST_CASE("the state refuses rounds out of order", "[chain][state]") {
  const ChainIdentity id = tiny_identity();
  ChainState state(id);
  const RoundPlan stale = state.plan(2);
  auto results = run_rounds(state, 1, constant_p(2));
  std::vector<vdf::Output> outs = results[0].round.outputs;
  CHECK_THROWS_AS(state.finish(stale, outs, excerpt()), std::invalid_argument);
  CHECK_THROWS_AS(state.advance(results[0]), std::invalid_argument);  // round 0 again
  CHECK_THROWS_AS(state.plan(0), std::invalid_argument);
  CHECK_THROWS_AS(seal_round(state.plan(3), outs, excerpt()), std::invalid_argument);  // 2 outputs, 3 slots
  ChainIdentity anonymous = id;
  anonymous.peer_id.clear();
  CHECK_THROWS_AS(ChainState(anonymous).plan(1), std::invalid_argument);
  CHECK_THROWS_AS(make_record(results[0].round, {}, excerpt()), std::invalid_argument);
}

TEST_CASE("a plan accepts only each slot's own valid output", "[chain][state]") {
  ChainState state(tiny_identity());
  const auto results = run_rounds(state, 1, constant_p(2));
  const RoundPlan plan = plan_round(state.identity(), 0, state.identity().genesis, 2);
  const auto& outs = results[0].round.outputs;
  CHECK(plan.accepts(0, outs[0]));
  CHECK(plan.accepts(1, outs[1]));
  CHECK_FALSE(plan.accepts(0, outs[1]));
  CHECK_FALSE(plan.accepts(2, outs[0]));
  vdf::Output bad = outs[0];
  bad[100] ^= 1;
  CHECK_FALSE(plan.accepts(0, bad));
}

TEST_CASE("the difficulty follows the schedule unless fixed", "[chain][state]") {
  ChainIdentity id = tiny_identity(0);
  CHECK(id.difficulty(0) == 200000);
  CHECK(id.difficulty(9) == 199998);
  id.fixed_difficulty = 7;
  CHECK(id.difficulty(9) == 7);
  CHECK(plan_round(id, 9, id.genesis, 1).difficulty == 7);
}

TEST_CASE("a chunked round (P > 1024) makes records its verifier accepts", "[chain][chunked]") {
  kzg::SrsLoadOptions quiet;
  quiet.warn = [](const std::string&) {};
  quiet.check_subgroup = false;  // generated just now by the engine itself; the check costs seconds
  const auto srs = kzg::Srs::parse(kzg::generate_insecure_srs(1024, "chain-chunked-test").dump(), "generated", quiet);
  const ChainIdentity id = tiny_identity(1);
  const std::size_t p = 1025;  // two chunks: 1024 + 1
  const std::vector<std::size_t> opened = {5, 1024};  // one slot in each chunk

  // Real VDF outputs for the slots this test opens; the others are stand-ins (1025 real
  // solves cost minutes, one discriminant each), which only a record opening them can tell.
  ChainState state(id);
  const RoundPlan plan = state.plan(p);
  std::vector<vdf::Output> outputs(p);
  for (std::size_t i = 0; i < p; ++i) {
    Bytes label;
    append_be32(label, static_cast<std::uint32_t>(i));
    const Bytes filler = shake256(label, vdf::kOutputSize);
    std::copy(filler.begin(), filler.end(), outputs[i].begin());
  }
  for (std::size_t slot : opened) outputs[slot] = vdf::solve(plan.seeds[slot], plan.difficulty);
  const RoundResult r0 = state.finish(plan, outputs, *srs);
  CHECK(r0.round.commitment.size() == 2 * 74);
  CHECK_FALSE(r0.record);
  state.advance(r0);
  const CommittedRound& round0 = *state.head();

  // Round 1 (P = 1) completes record 0 at the index its own commitment selects.
  const RoundPlan plan1 = state.plan(1);
  const RoundResult r1 = state.finish(plan1, {vdf::solve(plan1.seeds[0], plan1.difficulty)}, *srs);
  REQUIRE(r1.record);
  CHECK(r1.record->bytes.size() == 668 + 74);
  RecordEvidence e{0, p, round0.challenge, round0.digests, r1.round.commitment, ByteView(id.genesis)};
  const RecordVerdict natural = verify_record(id, r1.record->bytes, e, *srs);
  if (std::find(opened.begin(), opened.end(), r1.record->idx) != opened.end()) {
    CHECK(natural.ok());
  } else {
    CHECK(natural.failures.size() == 1);  // a stand-in output: everything but the VDF holds
    CHECK(natural.failed(Check::vdf));
  }

  // The records opening each chunk's real slot, at a next commitment that selects it.
  for (std::size_t slot : opened) {
    INFO("slot " << slot);
    Bytes next = r1.round.commitment;
    for (std::uint32_t n = 0; kzg::opening_index(next, p) != slot; ++n) {
      next.resize(r1.round.commitment.size());
      append_be32(next, n);
    }
    const Record r = make_record(round0, next, *srs);
    CHECK(r.idx == slot);
    e.next_commitment = next;
    CHECK(verify_record(id, r.bytes, e, *srs).ok());

    Bytes tampered = r.bytes;
    tampered[4 + 516 + 74 + 3] ^= 1;  // the second chunk's commitment
    const RecordVerdict v = verify_record(id, tampered, e, *srs);
    CHECK(v.failed(Check::commitment));
    CHECK_FALSE(v.failed(Check::opening));
  }
}
