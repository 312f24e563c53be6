#pragma once
// The chain as a state machine, shared by `proofgrid chain simulate` and the control
// process. The head is the last round made durable; everything else follows from it:
//
//   ChainState state(identity, store.load_head());       // nullopt: a new chain
//   for (;;) {
//     RoundPlan plan = state.plan(P);                    // P may change from round to round
//     … solve plan.jobs(), keep only outputs with plan.accepts(slot, out) …
//     RoundResult r = state.finish(plan, outputs, srs, kernels);  // round k + record k-1
//     store.append(r, …);                                // durable (one transaction)
//     state.advance(std::move(r));                       // only then: round k is the head
//   }
//
// finish() does not change the state, so a failed store write leaves the chain where the
// store is: after a restart the same head gives the same next round, byte for byte.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/chain/identity.hpp"
#include "engine/chain/record.hpp"
#include "engine/chain/round.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/kzg/srs.hpp"

namespace proofgrid::chain {

struct RoundResult {
  CommittedRound round;           // round k
  std::optional<Record> record;   // record k-1 (none for round 0)
};

class ChainState {
 public:
  // `head` is the last durable round (with all its outputs), nullopt for a new chain.
  explicit ChainState(ChainIdentity identity, std::optional<CommittedRound> head = std::nullopt);

  const ChainIdentity& identity() const { return identity_; }
  const std::optional<CommittedRound>& head() const { return head_; }
  std::uint64_t next_increment() const { return head_ ? head_->increment + 1 : 0; }
  // C_{k-1} of the next round: the head's commitment, or the genesis.
  ByteView next_challenge() const;

  RoundPlan plan(std::size_t parallelism) const;
  // Seals the plan's round and makes the head's record with the new commitment. Throws
  // std::invalid_argument when the plan is not for next_increment() and this head.
  RoundResult finish(const RoundPlan& plan, std::vector<vdf::Output> outputs, const kzg::Srs& srs,
                     const kzg::Kernels& kernels = kzg::cpu_kernels()) const;
  // Makes r.round the head. Throws std::invalid_argument when it does not follow the head.
  void advance(RoundResult r);

 private:
  ChainIdentity identity_;
  std::optional<CommittedRound> head_;
};

}  // namespace proofgrid::chain
