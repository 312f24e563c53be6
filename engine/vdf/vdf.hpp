#pragma once
// The Wesolowski class-group VDF of spec vdf-wesolowski.md (2048-bit discriminants), fast and
// bit-identical to the reference: solve, verify, and the steps other layers reuse.
//
//   Output out = vdf::solve(challenge, T);          // 516 bytes: Enc(y) ‖ Enc(π)
//   bool ok = vdf::verify(challenge, T, out);       // never throws
//
// Data workers call solve with cancellation and progress; the control process verifies every
// proof and may derive discriminants ahead of time (group_for caches them); a GPU or SIMD
// backend computes the squaring chain itself and hands y plus the checkpoints of proof.hpp to
// finish_proof.
#include <cstdint>
#include <functional>
#include <memory>

#include "engine/backend/cancel.hpp"
#include "engine/common/bytes.hpp"
#include "engine/common/isa.hpp"
#include "engine/vdf/encoding.hpp"
#include "engine/vdf/group.hpp"
#include "engine/vdf/proof.hpp"

namespace proofgrid::vdf {

struct SolveOptions {
  const CancelToken* cancel = nullptr;
  // Instruction-set level of the discriminant's primality tests when the challenge's group is
  // not cached yet (the squarings are scalar code at every level). Same bytes at every level.
  Isa isa = best_isa();  // checked every 1024 squarings; throws Cancelled
  // Called with (squarings done, T) at most every ~100 ms, and once at the end.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

Output solve(ByteView challenge, std::uint32_t difficulty, const SolveOptions& options = {});

// The squaring chain of solve: y = x^(2^T) and the checkpoints of proof_plan(T).
struct Chain {
  FastForm y;
  Checkpoints checkpoints;
};
Chain run_chain(const Group& g, std::uint32_t difficulty, const SolveOptions& options = {});

// false for anything but a valid proof, including malformed input of any length.
bool verify(ByteView challenge, std::uint32_t difficulty, ByteView output) noexcept;
// The same with the challenge's group given (see group_for).
bool verify(const Group& g, std::uint32_t difficulty, ByteView output) noexcept;

// The group of a challenge's discriminant, derived on first use (at `isa`) and kept in a small
// LRU cache (thread-safe), so that deriving it ahead of verify takes it off the critical path.
std::shared_ptr<const Group> group_for(ByteView challenge, Isa isa = best_isa());
inline constexpr std::size_t kGroupCacheSize = 512;

// Finishes a proof for a chain computed elsewhere: y = x^(2^T) and the checkpoints of
// proof_plan(T) (see proof.hpp for the contract). Returns the same bytes as solve.
Output finish_proof(const Group& g, std::uint32_t difficulty, const FastForm& y,
                    const Checkpoints& checkpoints);

// Enc(f) of a reduced FastForm (for backends and tests).
EncodedForm encode(const Group& g, const FastForm& f);

}  // namespace proofgrid::vdf
