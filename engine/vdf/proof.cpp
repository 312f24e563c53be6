#include "engine/vdf/proof.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace proofgrid::vdf {

using limbs::limb;

ProofPlan proof_plan(std::uint32_t difficulty) {
  ProofPlan best;
  double best_cost = INFINITY;
  const double t = difficulty;
  for (std::uint32_t k = 1; k <= 24; ++k) {
    // The smallest number of rows that keeps floor(T/(k·l)) + 1 checkpoints under the cap is
    // the cheapest for this k.
    const double min_rows = std::ceil((t + 1) / (static_cast<double>(k) * (kMaxCheckpoints - 1)));
    const auto l = static_cast<std::uint32_t>(std::max(1.0, min_rows));
    // Per row, with signed digits: one multiplication per checkpoint except the first into
    // each of the 2^(k−1) buckets, then two per bucket to combine them; Horner squarings
    // between rows.
    const double rows = l, buckets = std::ldexp(1.0, static_cast<int>(k) - 1);
    const double per_row = t / (static_cast<double>(k) * l);
    const double cost = t / k - rows * std::min(per_row, buckets) + rows * 2 * buckets + k * (l - 1.0);
    if (cost < best_cost) {
      best_cost = cost;
      best = {k, l};
    }
  }
  return best;
}

void Checkpoints::reserve(std::size_t count) {
  offsets_.reserve(count);
  data_.reserve(count * 52);
}

void Checkpoints::push(const FastForm& f) {
  offsets_.push_back(data_.size());
  // header: a.n | b.n << 16 | c.n << 32 | sign(b) << 48
  data_.push_back(static_cast<limb>(f.a.n) | static_cast<limb>(f.b.mag.n) << 16 |
                  static_cast<limb>(f.c.n) << 32 | static_cast<limb>(f.b.neg) << 48);
  data_.insert(data_.end(), f.a.d, f.a.d + f.a.n);
  data_.insert(data_.end(), f.b.mag.d, f.b.mag.d + f.b.mag.n);
  data_.insert(data_.end(), f.c.d, f.c.d + f.c.n);
}

FastForm Checkpoints::at(std::size_t i) const {
  const limb* p = data_.data() + offsets_.at(i);
  const limb header = *p++;
  FastForm f;
  f.a.n = static_cast<int>(header & 0xffff);
  f.b.mag.n = static_cast<int>((header >> 16) & 0xffff);
  f.c.n = static_cast<int>((header >> 32) & 0xffff);
  f.b.neg = ((header >> 48) & 1) != 0;
  std::copy(p, p + f.a.n, f.a.d);
  p += f.a.n;
  std::copy(p, p + f.b.mag.n, f.b.mag.d);
  p += f.b.mag.n;
  std::copy(p, p + f.c.n, f.c.d);
  return f;
}

std::vector<std::uint32_t> quotient_digits(std::uint32_t difficulty, U128 ell, std::uint32_t k) {
  const limbs::u128 l = (limbs::u128{ell.hi} << 64) | ell.lo;
  if (l == 0) throw std::invalid_argument("quotient_digits: ℓ = 0");
  const std::uint32_t top = difficulty / k;
  std::vector<std::uint32_t> digits(top + 1);
  // Long division of 2^T by ℓ, one bit at a time from the top: r stays below ℓ < 2^128, and
  // the doubled value is tracked with its carry bit.
  limbs::u128 r = 1;
  const std::uint32_t first_bits = difficulty - top * k;  // bits of the top digit below 2^T's 1
  auto next_bit = [&]() -> std::uint32_t {
    const bool carry = (r >> 127) != 0;
    r <<= 1;
    if (carry || r >= l) {
      r -= l;
      return 1;
    }
    return 0;
  };
  // The quotient of the leading 1 alone: 1 < ℓ unless ℓ = 1.
  std::uint32_t d = 0;
  if (r >= l) {
    d = 1;
    r -= l;
  }
  for (std::uint32_t b = 0; b < first_bits; ++b) d = 2 * d + next_bit();
  digits[top] = d;
  for (std::uint32_t j = top; j-- > 0;) {
    std::uint32_t v = 0;
    for (std::uint32_t b = 0; b < k; ++b) v = 2 * v + next_bit();
    digits[j] = v;
  }
  return digits;
}

namespace {

// Multiplies `acc` by `f`, treating an unset accumulator as the identity.
void accumulate(const Group& g, FastForm& acc, bool& set, const FastForm& f) {
  if (set) {
    g.multiply(acc, acc, f);
  } else {
    acc = f;
    set = true;
  }
}

}  // namespace

FastForm prove_from_checkpoints(const Group& g, std::uint32_t difficulty, U128 ell,
                                const Checkpoints& checkpoints, const ProofPlan& plan) {
  const std::uint32_t k = plan.k, l = plan.l, kappa = plan.kappa();
  if (k == 0 || l == 0 || k > 24) throw std::invalid_argument("proof plan out of range (1 ≤ k ≤ 24)");
  if (checkpoints.size() != difficulty / kappa + 1)
    throw std::invalid_argument("checkpoint count does not match the plan: expected " +
                                std::to_string(difficulty / kappa + 1) + ", got " +
                                std::to_string(checkpoints.size()));
  // Signed digits in [−2^(k−1), 2^(k−1)): half the buckets, inverses are free. (With k = 1
  // the only signed digits would be −1 and 0, so the digits stay unsigned.)
  const std::vector<std::uint32_t> raw = quotient_digits(difficulty, ell, k);
  // 4 bytes per k bits of T: k ≤ 24 keeps every signed digit within an int32.
  std::vector<std::int32_t> digits(raw.size() + 1, 0);
  const std::int64_t half = k >= 2 ? std::int64_t{1} << (k - 1) : 1;
  const std::int64_t full = std::int64_t{1} << k;
  std::int64_t carry = 0;
  for (std::size_t j = 0; j < raw.size(); ++j) {
    const std::int64_t v = raw[j] + carry;
    carry = k >= 2 && v >= half ? 1 : 0;
    digits[j] = static_cast<std::int32_t>(v - carry * full);
  }
  digits[raw.size()] = static_cast<std::int32_t>(carry);
  while (digits.size() > 1 && digits.back() == 0) digits.pop_back();
  if (digits.size() > static_cast<std::size_t>(checkpoints.size()) * l)
    throw std::logic_error("quotient has more digits than the checkpoints cover");

  const auto buckets_count = static_cast<std::size_t>(half);
  std::vector<FastForm> buckets(buckets_count + 1);
  std::vector<bool> filled(buckets_count + 1);
  FastForm proof = g.identity();
  bool proof_set = false;
  for (std::uint32_t row = l; row-- > 0;) {
    std::fill(filled.begin(), filled.end(), false);
    for (std::size_t i = 0; i * l + row < digits.size(); ++i) {
      const std::int64_t e = digits[i * l + row];
      if (e == 0) continue;
      const FastForm c = checkpoints.at(i);
      const auto v = static_cast<std::size_t>(e < 0 ? -e : e);
      bool set = filled[v];
      accumulate(g, buckets[v], set, e < 0 ? inverse(c) : c);
      filled[v] = set;
    }
    // ∏ B_v^v = ∏_v (∏_{w ≥ v} B_w): running products from the top bucket down.
    FastForm running, row_product;
    bool running_set = false, row_set = false;
    for (std::size_t v = buckets_count; v >= 1; --v) {
      if (filled[v]) accumulate(g, running, running_set, buckets[v]);
      if (running_set) accumulate(g, row_product, row_set, running);
    }
    if (proof_set) g.square_n(proof, k);
    if (row_set) accumulate(g, proof, proof_set, row_product);
  }
  return proof_set ? proof : g.identity();
}

}  // namespace proofgrid::vdf
