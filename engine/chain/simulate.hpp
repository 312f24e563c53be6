#pragma once
// Rounds computed in one process with no network (`proofgrid chain simulate`, tests): every
// slot of a round goes to one Backend::vdf_solve_batch, every output is verified before it
// is accepted, commitments run on the backend's KZG kernels. The same ChainState drives the
// cluster, so both produce the same bytes for the same identity, genesis, P and difficulty.
#include <cstddef>
#include <cstdint>
#include <functional>

#include "engine/backend/backend.hpp"
#include "engine/backend/cancel.hpp"
#include "engine/chain/chain_state.hpp"
#include "engine/kzg/srs.hpp"

namespace proofgrid::chain {

struct SimulateOptions {
  std::uint64_t rounds = 0;
  // P of each round by increment (constant in the CLI; tests vary it).
  std::function<std::size_t(std::uint64_t increment)> parallelism;
  // Called with each finished round before the state advances: write it durably here. An
  // exception stops the run with the state at the last round the callback accepted.
  std::function<void(const RoundResult&)> on_round;
  const CancelToken* cancel = nullptr;
};

// Runs options.rounds rounds from the state's head. Throws std::runtime_error naming the
// backend and slot when an output fails VDF.Verify (a backend bug: nothing is written).
void simulate(ChainState& state, Backend& backend, const kzg::Srs& srs, const SimulateOptions& options);

}  // namespace proofgrid::chain
