#include "engine/kzg/bucket_sum.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "engine/kzg/g1.hpp"
#include "engine/kzg/ifma_kernels.hpp"

namespace proofgrid::kzg {
namespace {

// Pairs per independent chunk (one inversion each) when a tree level is split across threads.
constexpr std::size_t kChunkPairs = 2048;

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

bool needs_inverse(Kind k) { return k == Kind::kChord || k == Kind::kDouble; }

// The denominator whose inverse the slope needs.
Fp denominator(Kind kind, const G1Affine& a, const G1Affine& b) {
  return kind == Kind::kChord ? b.x - a.x : twice(a.y);
}

template <class Point>
Point fetch(std::span<const Point> src, std::uint32_t ref) {
  return (ref & 1U) != 0 ? neg(src[ref >> 1]) : src[ref >> 1];
}

// dst[k.dst] = src[k.a] + src[k.b] for every pair, any special case included.
void add_pairs(std::span<const G1Affine> src, std::span<const PointPair> pairs, std::span<G1Affine> dst) {
  thread_local std::vector<Fp> prefix;
  thread_local std::vector<Kind> kinds;
  prefix.resize(pairs.size());
  kinds.resize(pairs.size());
  // Pass 1: prefix products of the denominators.
  Fp acc = field_one<Fp>();
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const G1Affine a = fetch(src, pairs[k].a), b = fetch(src, pairs[k].b);
    kinds[k] = classify(a, b);
    prefix[k] = acc;
    if (needs_inverse(kinds[k])) acc = acc * denominator(kinds[k], a, b);
  }
  // Pass 2: one inversion, then every individual inverse, back to front.
  Fp inv = inverse(acc);
  for (std::size_t k = pairs.size(); k-- > 0;) {
    if (!needs_inverse(kinds[k])) continue;
    const Fp den = denominator(kinds[k], fetch(src, pairs[k].a), fetch(src, pairs[k].b));
    prefix[k] = inv * prefix[k];
    inv = inv * den;
  }
  // Pass 3: the sums.
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const G1Affine a = fetch(src, pairs[k].a), b = fetch(src, pairs[k].b);
    G1Affine& out = dst[pairs[k].dst];
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

// The IFMA kernel, falling back to the general code when a pair needs a doubling or cancels.
void add_pairs(std::span<const G1Affine52> src, std::span<const PointPair> pairs, std::span<G1Affine52> dst) {
  if (add_pairs_ifma(src, pairs, dst)) return;
  std::vector<G1Affine> plain(2 * pairs.size()), sums(pairs.size());
  std::vector<PointPair> local(pairs.size());
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    plain[2 * k] = from_affine52(fetch(src, pairs[k].a));
    plain[2 * k + 1] = from_affine52(fetch(src, pairs[k].b));
    local[k] = {static_cast<std::uint32_t>(4 * k), static_cast<std::uint32_t>(4 * k + 2), static_cast<std::uint32_t>(k)};
  }
  add_pairs(plain, local, sums);
  for (std::size_t k = 0; k < pairs.size(); ++k) dst[pairs[k].dst] = to_affine52(sums[k]);
}

G1Affine to_g1(const G1Affine& p) { return p; }
G1Affine to_g1(const G1Affine52& p) { return from_affine52(p); }

// sum_b (b + 1) * points[b] by running sums: 2 Jacobian additions per point.
template <class Point>
G1Jacobian running_weighted_sum(std::span<const Point> points) {
  G1Jacobian running, total;
  for (std::size_t b = points.size(); b-- > 0;) {
    running = add_mixed(running, to_g1(points[b]));
    total = add(total, running);
  }
  return total;
}

template <class Point>
G1Jacobian weighted_sum(std::span<const Point> sums, BucketSummerT<Point>& summer) {
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
  std::vector<Point> lines(rows + cols);
  summer.sum(sums, terms, lines);
  G1Jacobian x = running_weighted_sum(std::span<const Point>(lines).subspan(1, rows - 1));  // sum_h h R_h
  for (std::size_t s = 1; s < cols; s <<= 1) x = dbl(x);
  return add(x, running_weighted_sum(std::span<const Point>(lines).subspan(rows, cols)));
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

template <class Point>
void BucketSummerT<Point>::sum(std::span<const Point> points, const BucketTerms& terms, std::span<Point> sums) {
  // Level 0 adds signed table points straight into `next_`; later levels ping-pong between
  // two buffers, each bucket keeping its slots terms.offsets[b] ... as its term count halves.
  const std::size_t buckets = sums.size();
  current_.resize(terms.refs.size());
  next_.resize(terms.refs.size());
  count_.resize(buckets);
  for (std::size_t b = 0; b < buckets; ++b) count_[b] = terms.offsets[b + 1] - terms.offsets[b];
  bool first = true;
  for (;;) {
    const std::span<const Point> src = first ? points : std::span<const Point>(current_);
    auto ref = [&](std::uint32_t slot) { return first ? terms.refs[slot] : slot << 1; };
    pairs_.clear();
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::uint32_t start = terms.offsets[b], n = count_[b];
      for (std::uint32_t k = 0; 2 * k + 1 < n; ++k) {
        pairs_.push_back({ref(start + 2 * k), ref(start + 2 * k + 1), start + k});
      }
      // A lone or odd last term moves on unchanged.
      if (n % 2 == 1) next_[start + n / 2] = fetch(src, ref(start + n - 1));
      count_[b] = (n + 1) / 2;
    }
    const std::size_t chunks = (pairs_.size() + kChunkPairs - 1) / kChunkPairs;
    auto run = [&](std::size_t c) {
      const std::size_t begin = c * kChunkPairs, len = std::min(kChunkPairs, pairs_.size() - begin);
      add_pairs(src, std::span<const PointPair>(pairs_).subspan(begin, len), std::span<Point>(next_));
    };
    // Isolated: a thread waiting here must not pick up an outer task that could reuse this
    // (thread-local) summer.
    if (chunks == 1) run(0);
    else if (chunks > 1) tbb::this_task_arena::isolate([&] { tbb::parallel_for(std::size_t{0}, chunks, run); });
    current_.swap(next_);
    first = false;
    if (pairs_.empty()) break;
  }
  for (std::size_t b = 0; b < buckets; ++b) {
    sums[b] = count_[b] == 0 ? Point{} : current_[terms.offsets[b]];
  }
}

template class BucketSummerT<G1Affine>;
template class BucketSummerT<G1Affine52>;

G1Jacobian weighted_bucket_sum(std::span<const G1Affine> sums, BucketSummer& summer) {
  return weighted_sum(sums, summer);
}
G1Jacobian weighted_bucket_sum(std::span<const G1Affine52> sums, BucketSummer52& summer) {
  return weighted_sum(sums, summer);
}

}  // namespace proofgrid::kzg
