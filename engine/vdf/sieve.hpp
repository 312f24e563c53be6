#pragma once
// The sieve of CreateDiscriminant's progression n + M·i (M = 120120) by the primes
// 17 ≤ p < 2^20 (2, 3, ..., 13 never divide it: the wheel excludes them).
//
// The residues of n are computed once, three primes per 64-bit remainder, by a Montgomery
// fold over eight limbs at a time with per-divisor constants (no division in the loop); each
// prime's first multiple then comes from two multiplications (Barrett, Shoup) and is carried
// from window to window.
#include <cstdint>
#include <span>
#include <vector>

#include "engine/vdf/mpz.hpp"

namespace proofgrid::vdf {

class ProgressionSieve {
 public:
  static constexpr std::uint32_t kWindow = 4096;
  static constexpr std::uint32_t kLimit = 1u << 20;  // sieve primes are below this

  // n ≥ 0; the first window is n + M·i for i < kWindow.
  explicit ProgressionSieve(const Mpz& n);

  // composite[i] = 1 where a sieve prime divides the i-th number of the next window, else 0
  // (composite is resized to kWindow); then moves on by kWindow indices.
  void next_window(std::vector<std::uint8_t>& composite);

  // The sieve primes, ascending, and for each the index of its first multiple in the next
  // window (i with p | n' + M·i, n' the window's start, i < p): exposed for the tests.
  static std::span<const std::uint32_t> primes();
  std::span<const std::uint32_t> offsets() const { return next_; }

 private:
  std::vector<std::uint32_t> next_;
};

}  // namespace proofgrid::vdf
