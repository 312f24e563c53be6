#include "engine/kzg/bucket_sum.hpp"

#include "engine/kzg/g1.hpp"

namespace proofgrid::kzg {
namespace {

// How a pair (a, b) is added: the general chord, a doubling (a == b), or no inversion at all
// (one side is infinity, or a == -b).
enum class Kind : std::uint8_t { kChord, kDouble, kTakeA, kTakeB, kInfinity };

Kind classify(const G1Affine& a, const G1Affine& b) {
  if (b.infinity) return Kind::kTakeA;
  if (a.infinity) return Kind::kTakeB;
  if (!(a.x == b.x)) return Kind::kChord;
  if (a.y == b.y && !is_zero(a.y)) return Kind::kDouble;
  return Kind::kInfinity;
}

// The denominator whose inverse the slope needs (1 when none is needed).
Fp denominator(Kind kind, const G1Affine& a, const G1Affine& b) {
  switch (kind) {
    case Kind::kChord: return b.x - a.x;
    case Kind::kDouble: return twice(a.y);
    default: return field_one<Fp>();
  }
}

}  // namespace

BucketTerms bucket_terms(std::span<const std::int32_t> digits, std::size_t buckets) {
  BucketTerms terms;
  terms.offsets.assign(buckets + 1, 0);
  for (const std::int32_t d : digits) {
    if (d != 0) ++terms.offsets[static_cast<std::size_t>(d < 0 ? -d : d)];
  }
  for (std::size_t b = 1; b <= buckets; ++b) terms.offsets[b] += terms.offsets[b - 1];
  std::vector<std::uint32_t> cursor(terms.offsets.begin(), terms.offsets.end() - 1);
  terms.refs.resize(terms.offsets[buckets]);
  for (std::size_t t = 0; t < digits.size(); ++t) {
    const std::int32_t d = digits[t];
    if (d == 0) continue;
    const std::size_t b = static_cast<std::size_t>(d < 0 ? -d : d) - 1;
    terms.refs[cursor[b]++] = static_cast<std::uint32_t>(t << 1) | (d < 0 ? 1U : 0U);
  }
  return terms;
}

void BucketSummer::add_pairs(std::span<const Pair> pairs) {
  // Pass 1: prefix products of the denominators.
  thread_local std::vector<Fp> prefix;
  thread_local std::vector<Kind> kinds;
  prefix.resize(pairs.size());
  kinds.resize(pairs.size());
  Fp acc = field_one<Fp>();
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const G1Affine& a = work_[pairs[k].src];
    const G1Affine& b = work_[pairs[k].src + 1];
    kinds[k] = classify(a, b);
    prefix[k] = acc;
    if (kinds[k] == Kind::kChord || kinds[k] == Kind::kDouble) acc = acc * denominator(kinds[k], a, b);
  }
  // Pass 2: one inversion, then every individual inverse, back to front.
  Fp inv = inverse(acc);
  for (std::size_t k = pairs.size(); k-- > 0;) {
    if (kinds[k] != Kind::kChord && kinds[k] != Kind::kDouble) continue;
    const Fp den = denominator(kinds[k], work_[pairs[k].src], work_[pairs[k].src + 1]);
    prefix[k] = inv * prefix[k];
    inv = inv * den;
  }
  // Pass 3: the sums, front to back. A pair writes slot dst <= src, and every later pair reads
  // slots above its own dst, so writing in this order never clobbers an unread input.
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const G1Affine a = work_[pairs[k].src];
    const G1Affine& b = work_[pairs[k].src + 1];
    G1Affine& out = work_[pairs[k].dst];
    switch (kinds[k]) {
      case Kind::kTakeA: out = a; continue;
      case Kind::kTakeB: out = b; continue;
      case Kind::kInfinity: out = G1Affine{}; continue;
      default: break;
    }
    Fp slope;
    if (kinds[k] == Kind::kChord) {
      slope = (b.y - a.y) * prefix[k];
    } else {
      const Fp xx = square(a.x);
      slope = (xx + twice(xx)) * prefix[k];
    }
    const Fp x3 = square(slope) - a.x - b.x;
    out.y = slope * (a.x - x3) - a.y;
    out.x = x3;
    out.infinity = false;
  }
}

void BucketSummer::sum(std::span<const G1Affine> points, const BucketTerms& terms,
                       std::span<G1Affine> sums) {
  const std::size_t buckets = sums.size();
  work_.resize(terms.refs.size());
  for (std::size_t t = 0; t < terms.refs.size(); ++t) {
    const std::uint32_t ref = terms.refs[t];
    const G1Affine& p = points[ref >> 1];
    work_[t] = (ref & 1U) != 0 ? neg(p) : p;
  }
  count_.resize(buckets);
  for (std::size_t b = 0; b < buckets; ++b) count_[b] = terms.offsets[b + 1] - terms.offsets[b];

  for (;;) {
    pairs_.clear();
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::uint32_t start = terms.offsets[b];
      for (std::uint32_t k = 0; 2 * k + 1 < count_[b]; ++k) pairs_.push_back({start + k, start + 2 * k});
    }
    if (pairs_.empty()) break;
    add_pairs(pairs_);
    // An odd bucket's last term moves down behind its pair sums.
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::uint32_t start = terms.offsets[b], n = count_[b];
      if (n < 2) continue;
      if (n % 2 == 1) work_[start + n / 2] = work_[start + n - 1];
      count_[b] = (n + 1) / 2;
    }
  }
  for (std::size_t b = 0; b < buckets; ++b) {
    sums[b] = count_[b] == 0 ? G1Affine{} : work_[terms.offsets[b]];
  }
}

namespace {

// sum_b (b + 1) * points[b] by running sums: 2 Jacobian additions per point.
G1Jacobian running_weighted_sum(std::span<const G1Affine> points) {
  G1Jacobian running, total;
  for (std::size_t b = points.size(); b-- > 0;) {
    running = add_mixed(running, points[b]);
    total = add(total, running);
  }
  return total;
}

}  // namespace

G1Jacobian weighted_bucket_sum(std::span<const G1Affine> sums, BucketSummer& summer) {
  const std::size_t k = sums.size();
  if (k < 64 || (k & (k - 1)) != 0) return running_weighted_sum(sums);
  // Index b = L h + l (weight b + 1 = L h + l + 1): sum = L * sum_h h R_h + sum_l (l + 1) C_l with
  // row sums R_h = sum_l B_{h,l} and column sums C_l = sum_h B_{h,l}. The 2k additions behind R
  // and C are batch-affine; only H + L points need Jacobian running sums.
  unsigned log_k = 0;
  while ((std::size_t{1} << log_k) < k) ++log_k;
  const std::size_t cols = std::size_t{1} << (log_k / 2), rows = k / cols;
  BucketTerms terms;
  terms.offsets.reserve(rows + cols + 1);
  terms.refs.reserve(2 * k);
  terms.offsets.push_back(0);
  for (std::size_t h = 0; h < rows; ++h) {
    for (std::size_t l = 0; l < cols; ++l) terms.refs.push_back(static_cast<std::uint32_t>((h * cols + l) << 1));
    terms.offsets.push_back(static_cast<std::uint32_t>(terms.refs.size()));
  }
  for (std::size_t l = 0; l < cols; ++l) {
    for (std::size_t h = 0; h < rows; ++h) terms.refs.push_back(static_cast<std::uint32_t>((h * cols + l) << 1));
    terms.offsets.push_back(static_cast<std::uint32_t>(terms.refs.size()));
  }
  std::vector<G1Affine> lines(rows + cols);
  summer.sum(sums, terms, lines);
  G1Jacobian x = running_weighted_sum(std::span<const G1Affine>(lines).subspan(1, rows - 1));  // sum_h h R_h
  for (std::size_t s = 1; s < cols; s <<= 1) x = dbl(x);
  return add(x, running_weighted_sum(std::span<const G1Affine>(lines).subspan(rows, cols)));
}

}  // namespace proofgrid::kzg
