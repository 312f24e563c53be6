#pragma once
// Signed-digit recoding of canonical scalars for bucket MSMs: k = sum_j d_j 2^(c j) with
// |d_j| <= 2^(c-1), so a window needs only 2^(c-1) buckets (a negative digit adds -P, which
// costs nothing in affine coordinates).
#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/kzg/limbs.hpp"

namespace proofgrid::kzg {

// Windows needed for scalars below 2^bits: the top window then holds at most c - 1 bits plus
// a carry, so its digit never exceeds 2^(c-1) and no extra window is needed.
constexpr std::size_t signed_windows(std::size_t bits, unsigned c) { return bits / c + 1; }

// The width c in [lo, hi] with the lowest cost(c), in field multiplications.
template <class Cost>
unsigned cheapest_window(unsigned lo, unsigned hi, Cost&& cost) {
  unsigned best = lo;
  double best_cost = cost(lo);
  for (unsigned c = lo + 1; c <= hi; ++c) {
    const double v = cost(c);
    if (v < best_cost) {
      best = c;
      best_cost = v;
    }
  }
  return best;
}

// Multiplications to reduce the 2^(c-1) buckets of one c-bit window: about 7 per bucket with
// the row/column reduction (64 or more buckets, bucket_sum.hpp), 27 with plain running sums.
inline double reduction_cost(unsigned c) {
  return static_cast<double>(std::size_t{1} << (c - 1)) * (c >= 7 ? 7.0 : 27.0);
}

// Writes out.size() digits of k (little-endian limbs of any width) into out. Returns false
// when k does not fit (a carry is left over), which callers treat as a contract violation.
template <std::size_t N>
[[nodiscard]] bool signed_digits(const Limbs<N>& k, unsigned c, std::span<std::int32_t> out) {
  const std::uint64_t mask = (std::uint64_t{1} << c) - 1;
  const std::int64_t half = std::int64_t{1} << (c - 1);
  std::int64_t carry = 0;
  for (std::size_t j = 0; j < out.size(); ++j) {
    const std::size_t bit = j * c;
    std::uint64_t w = 0;
    if (bit < 64 * N) {
      const std::size_t limb = bit / 64, shift = bit % 64;
      w = k[limb] >> shift;
      if (shift + c > 64 && limb + 1 < N) w |= k[limb + 1] << (64 - shift);
      w &= mask;
    }
    std::int64_t d = static_cast<std::int64_t>(w) + carry;
    carry = 0;
    if (d > half) {
      d -= std::int64_t{1} << c;
      carry = 1;
    }
    out[j] = static_cast<std::int32_t>(d);
  }
  if (carry != 0) return false;
  for (std::size_t bit = out.size() * c; bit < 64 * N; ++bit) {
    if (limbs_bit(k, bit)) return false;
  }
  return true;
}

}  // namespace proofgrid::kzg
