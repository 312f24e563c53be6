#include "engine/chain/chain_state.hpp"

#include <stdexcept>
#include <string>

#include "engine/chain/byte_compare.hpp"

namespace proofgrid::chain {

ChainState::ChainState(ChainIdentity identity, std::optional<CommittedRound> head)
    : identity_(std::move(identity)), head_(std::move(head)) {}

ByteView ChainState::next_challenge() const { return head_ ? ByteView(head_->commitment) : ByteView(identity_.genesis); }

RoundPlan ChainState::plan(std::size_t parallelism) const {
  return plan_round(identity_, next_increment(), next_challenge(), parallelism);
}

RoundResult ChainState::finish(const RoundPlan& plan, std::vector<vdf::Output> outputs, const kzg::Srs& srs,
                               const kzg::Kernels& kernels) const {
  if (plan.increment != next_increment() || !same_bytes(plan.challenge, next_challenge()))
    throw std::invalid_argument("the plan is for round " + std::to_string(plan.increment) +
                                " of another head; the chain's next round is " + std::to_string(next_increment()));
  RoundResult r{seal_round(plan, std::move(outputs), srs, kernels), std::nullopt};
  if (head_) r.record = make_record(*head_, r.round.commitment, srs, kernels);
  return r;
}

void ChainState::advance(RoundResult r) {
  if (r.round.increment != next_increment() || !same_bytes(r.round.challenge, next_challenge()))
    throw std::invalid_argument("round " + std::to_string(r.round.increment) +
                                " does not follow the head; the chain's next round is " +
                                std::to_string(next_increment()));
  head_ = std::move(r.round);
}

}  // namespace proofgrid::chain
