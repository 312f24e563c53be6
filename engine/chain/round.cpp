#include "engine/chain/round.hpp"

#include <limits>
#include <stdexcept>
#include <string>

#include "engine/chain/slot_seed.hpp"
#include "engine/kzg/round_commitment.hpp"
#include "engine/vdf/vdf.hpp"

namespace proofgrid::chain {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

std::vector<VdfJob> RoundPlan::jobs() const {
  std::vector<VdfJob> jobs;
  jobs.reserve(seeds.size());
  for (const Digest32& seed : seeds) jobs.push_back(VdfJob{Bytes(seed.begin(), seed.end()), difficulty});
  return jobs;
}

bool RoundPlan::accepts(std::size_t slot, ByteView output) const {
  if (slot >= seeds.size()) return false;
  return vdf::verify(seeds[slot], difficulty, output);
}

RoundPlan plan_round(const ChainIdentity& identity, std::uint64_t increment, ByteView previous_commitment,
                     std::size_t parallelism) {
  if (parallelism == 0) throw std::invalid_argument("a round needs at least one slot (P >= 1)");
  if (parallelism > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("P = " + std::to_string(parallelism) + " exceeds the 32-bit slot index");
  if (identity.peer_id.empty())
    throw std::invalid_argument("the chain's peer id is empty; set engine.peerId or keep keys.yml's default");
  RoundPlan plan;
  plan.increment = increment;
  plan.difficulty = identity.difficulty(increment);
  plan.challenge.assign(previous_commitment.begin(), previous_commitment.end());
  plan.input = identity.round_input(previous_commitment);
  plan.seeds.reserve(parallelism);
  for (std::size_t i = 0; i < parallelism; ++i) plan.seeds.push_back(slot_seed(static_cast<std::uint32_t>(i), plan.input));
  plan.started_unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  plan.started = std::chrono::steady_clock::now();
  return plan;
}

Bytes digest_outputs(std::span<const vdf::Output> outputs) {
  Bytes digests;
  digests.reserve(outputs.size() * kzg::kDigestBytes);
  for (const vdf::Output& out : outputs) {
    const Digest64 h = sha3_512(out);
    digests.insert(digests.end(), h.begin(), h.end());
  }
  return digests;
}

CommittedRound seal_round(const RoundPlan& plan, std::vector<vdf::Output> outputs, const kzg::Srs& srs,
                          const kzg::Kernels& kernels) {
  if (outputs.size() != plan.parallelism()) {
    throw std::invalid_argument("round " + std::to_string(plan.increment) + " has " +
                                std::to_string(plan.parallelism()) + " slots but " +
                                std::to_string(outputs.size()) + " outputs were given");
  }
  CommittedRound round;
  round.increment = plan.increment;
  round.difficulty = plan.difficulty;
  round.challenge = plan.challenge;
  round.timings.started_unix_ms = plan.started_unix_ms;
  round.timings.solve_seconds = seconds_since(plan.started);
  const auto commit_start = std::chrono::steady_clock::now();
  round.outputs = std::move(outputs);
  round.digests = digest_outputs(round.outputs);
  round.commitment = kzg::commit_round(srs, round.digests, kernels);
  round.timings.commit_seconds = seconds_since(commit_start);
  return round;
}

}  // namespace proofgrid::chain
