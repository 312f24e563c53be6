#pragma once
// The Wesolowski proof π = x^floor(2^T/ℓ) from checkpoints of the squaring chain
// (Wesolowski, "Efficient verifiable delay functions", §4.1, on-the-fly with parameters k, l).
//
// Checkpoint contract (for every backend that computes the chain, CPU, SIMD or GPU):
//   with κ = plan.kappa() for the difficulty T, checkpoint i is x^(2^(i·κ)) for
//   i = 0, 1, ..., floor(T/κ), fully reduced; checkpoint 0 is the generator x itself.
// Given those and y = x^(2^T), the proof costs about T/k + l·2^k group multiplications
// (signed base-2^k digits of floor(2^T/ℓ), one bucket product per row of digits), instead of
// the T squarings of a second exponentiation.
#include <cstdint>
#include <vector>

#include "engine/vdf/group.hpp"
#include "engine/vdf/hash_prime.hpp"

namespace proofgrid::vdf {

struct ProofPlan {
  std::uint32_t k = 1;  // digit width in bits
  std::uint32_t l = 1;  // digit rows per checkpoint
  std::uint32_t kappa() const { return k * l; }
};

// The plan the CPU solver uses for difficulty T: the fewest group operations with at most
// kMaxCheckpoints cached forms (k = 10, l = 1 at T = 25000; k = 12, l = 1 at T = 200000).
inline constexpr std::size_t kMaxCheckpoints = 1u << 16;
ProofPlan proof_plan(std::uint32_t difficulty);

// Reduced forms in a packed, exactly-sized store (~400 bytes per 2048-bit form).
class Checkpoints {
 public:
  void reserve(std::size_t count);
  void push(const FastForm& f);
  std::size_t size() const { return offsets_.size(); }
  FastForm at(std::size_t i) const;

 private:
  std::vector<limbs::limb> data_;
  std::vector<std::size_t> offsets_;
};

// π for y = x^(2^T) with ℓ = HashPrime(x, y, T); `checkpoints` must follow the contract for
// `plan` (checkpoints.size() == floor(T/κ) + 1). Throws std::invalid_argument otherwise.
FastForm prove_from_checkpoints(const Group& g, std::uint32_t difficulty, U128 ell,
                                const Checkpoints& checkpoints, const ProofPlan& plan);

// The base-2^k digits of floor(2^T/ℓ), least significant first, floor(T/k) + 1 of them.
std::vector<std::uint32_t> quotient_digits(std::uint32_t difficulty, U128 ell, std::uint32_t k);

}  // namespace proofgrid::vdf
