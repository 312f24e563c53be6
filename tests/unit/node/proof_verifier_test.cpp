// The control's verification pool: real proofs pass, altered ones fail, derivations queued
// ahead make verification cheap, and results of a replaced round are dropped.
#include <catch2/catch.hpp>

#include <future>

#include "engine/common/hash.hpp"
#include "engine/vdf/vdf.hpp"
#include "node/control/proof_verifier.hpp"

using namespace proofgrid;
using namespace proofgrid::control;

namespace {

Bytes challenge(int i) {
  auto d = sha3_256(as_bytes("verifier test " + std::to_string(i)));
  return Bytes(d.begin(), d.end());
}

bool verify_now(ProofVerifier& v, std::uint64_t round, std::size_t j, const vdf::Output& out) {
  std::promise<bool> result;
  v.verify(round, j, out, [&](bool ok) { result.set_value(ok); });
  auto f = result.get_future();
  REQUIRE(f.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  return f.get();
}

}  // namespace

TEST_CASE("proofs of a round verify and altered or misplaced ones do not", "[verifier]") {
  const std::uint32_t t = 200;
  std::vector<Bytes> challenges{challenge(0), challenge(1), challenge(2)};
  std::vector<vdf::Output> outs;
  for (const auto& c : challenges) outs.push_back(vdf::solve(c, t));
  ProofVerifier v(2);
  CHECK(v.threads() == 2);
  v.begin_round(1, challenges, t);
  CHECK(verify_now(v, 1, 0, outs[0]));
  CHECK(verify_now(v, 1, 2, outs[2]));
  CHECK_FALSE(verify_now(v, 1, 1, outs[2]));  // slot 2's proof offered as slot 1's
  auto bad = outs[1];
  bad[300] ^= 0x40;
  CHECK_FALSE(verify_now(v, 1, 1, bad));
  CHECK(verify_now(v, 1, 1, outs[1]));
  CHECK(v.round_cpu().count() > 0);
}

TEST_CASE("a replaced round's verifications are dropped", "[verifier]") {
  ProofVerifier v(1);
  std::vector<Bytes> challenges{challenge(10)};
  auto out = vdf::solve(challenges[0], 50);
  v.begin_round(1, challenges, 50);
  std::atomic<int> calls{0};
  v.verify(1, 0, out, [&](bool) { ++calls; });
  v.begin_round(2, challenges, 50);
  v.verify(1, 0, out, [&](bool) { ++calls; });   // round 1 is over: ignored
  v.verify(2, 5, out, [&](bool) { ++calls; });   // no such position: ignored
  CHECK(verify_now(v, 2, 0, out));
  v.shutdown();
  CHECK(calls <= 1);  // the first may have run before round 2 began
}
