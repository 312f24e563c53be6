#pragma once
// One round of the chain (time-proof-chain.md, "Round k"):
//
//   plan_round:  input_k = peerId ‖ C_{k-1}, slot i's VDF challenge SHA3-256(BE32(i) ‖ input_k),
//                T = D(k) or the fixed difficulty                      → what the workers get
//   (workers):   out_i = VDF.Solve(challenge_i, T); the caller checks each with accepts()
//   seal_round:  h_i = SHA3-512(out_i), C_k = kzg::commit_round(h_0 ‖ … ‖ h_{P-1})
//
// Nothing here assumes a constant P: every round carries its own parallelism.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/backend/backend.hpp"
#include "engine/chain/identity.hpp"
#include "engine/common/bytes.hpp"
#include "engine/common/hash.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/kzg/srs.hpp"
#include "engine/vdf/encoding.hpp"

namespace proofgrid::chain {

// What the control process hands out for round k.
struct RoundPlan {
  std::uint64_t increment = 0;
  std::uint32_t difficulty = 0;
  Bytes challenge;                  // C_{k-1} (the genesis for round 0)
  Bytes input;                      // peerId ‖ C_{k-1}
  std::vector<Digest32> seeds;      // slot i's VDF challenge
  std::int64_t started_unix_ms = 0;
  std::chrono::steady_clock::time_point started{};

  std::size_t parallelism() const { return seeds.size(); }
  // One VdfJob per slot, in slot order, for Backend::vdf_solve_batch.
  std::vector<VdfJob> jobs() const;
  // VDF.Verify of a slot's output against its challenge (spec step 3: a wrong proof never
  // enters the chain). Never throws; false for a slot outside the round too.
  bool accepts(std::size_t slot, ByteView output) const;
};

// Throws std::invalid_argument for parallelism 0, an empty peer id, or more slots than a
// 32-bit slot index can name.
RoundPlan plan_round(const ChainIdentity& identity, std::uint64_t increment, ByteView previous_commitment,
                     std::size_t parallelism);

struct RoundTimings {
  std::int64_t started_unix_ms = 0;
  double solve_seconds = 0;   // plan → every output in hand
  double commit_seconds = 0;  // digests and C_k
};

// A round whose outputs are in and whose commitment is computed: everything the record of
// this round (made once C_{k+1} exists) and an auditor need.
struct CommittedRound {
  std::uint64_t increment = 0;
  std::uint32_t difficulty = 0;
  Bytes challenge;                   // C_{k-1}
  std::vector<vdf::Output> outputs;  // out_0 … out_{P-1}
  Bytes digests;                     // h_0 ‖ … ‖ h_{P-1}, 64 P bytes
  Bytes commitment;                  // C_k: 74 bytes, 74 m for a chunked round (P > 1024)
  RoundTimings timings;

  std::size_t parallelism() const { return outputs.size(); }
};

// h_0 ‖ … ‖ h_{P-1} with h_i = SHA3-512(out_i).
Bytes digest_outputs(std::span<const vdf::Output> outputs);

// Digests and commits the outputs (one per slot of the plan, already accepted). Throws
// std::invalid_argument when their number differs from the plan's parallelism.
CommittedRound seal_round(const RoundPlan& plan, std::vector<vdf::Output> outputs, const kzg::Srs& srs,
                          const kzg::Kernels& kernels = kzg::cpu_kernels());

}  // namespace proofgrid::chain
