#include "engine/vdf/lehmer.hpp"

#include <algorithm>
#include <utility>

namespace proofgrid::vdf::lehmer {

using limbs::limb;
using limbs::Nat;
using limbs::u128;
__extension__ typedef __int128 i128;

namespace {

// What the leading words x, y are: exact floors of the full numbers at one shift (δ ∈ [0, 1)),
// approximations that may also be off by a hair either way (δ ∈ (−ε, 1 + ε), one unit of
// margin covers it), or the full numbers themselves (no uncertainty at all).
enum class Words { kTruncated, kApprox, kExact };

// Matrix entries stay below 2^63 so that the fused updates below fit 128-bit accumulators;
// a run on 64-bit words stays below 2^32 by itself, the second run of a round below 2^30, so
// that the product of the two stays below 2^63.
constexpr std::uint64_t kCapSingle = std::uint64_t{1} << 63;
constexpr std::uint64_t kCapFirst = std::uint64_t{1} << 32;
constexpr std::uint64_t kCapSecond = std::uint64_t{1} << 30;

// Euclid on single words, taking only steps whose quotient is certain. The step's parity
// (of the index of r1 in r_{-1} = x, r_0 = y) decides which cofactor can make a truncated
// quotient wrong, so the loop body is unrolled into an even and an odd step. All sums stay
// below 2^64: entries are below cap ≤ 2^63, and a Euclidean sequence of (x, y) has
// s_{k+1}·r_k ≤ y and t_{k+1}·r_k ≤ x, so q·s and q·t cannot overflow either.
template <Words kWords, bool kStop>
Matrix run_inner(std::uint64_t x, std::uint64_t y, std::uint64_t stop, std::uint64_t cap) {
  constexpr std::uint64_t margin = kWords == Words::kApprox ? 1 : 0;
  constexpr bool kCheck = kWords != Words::kExact;
  std::uint64_t r0 = x, r1 = y, s0 = 1, t0 = 0, s1 = 0, t1 = 1;
  std::uint32_t steps = 0;
  if (y == 0) return {1, 0, 0, 1, 0};
  for (;;) {
    // The true r0 lies within (r0 − s0 − t0, r0 + s0 + t0) (scaled); step only if it is > stop.
    if (kStop && !(r0 > stop && r0 - stop > s0 + t0 + margin)) break;
    std::uint64_t q = r0 / r1, r2 = r0 % r1;
    std::uint64_t s2 = s0 + q * s1, t2 = t0 + q * t1;
    if (s2 >= cap || t2 >= cap) break;
    // Even index: r_{k+1} = s·x − t·y can only go below zero through t, and close the gap to
    // r_k through s (Jebelean's conditions); odd index: the other way round.
    if (kCheck && (r2 < t2 + margin || r1 - r2 < s2 + s1 + margin)) break;
    r0 = r1, r1 = r2, s0 = s1, t0 = t1, s1 = s2, t1 = t2, ++steps;
    if (r1 == 0) break;
    if (kStop && !(r0 > stop && r0 - stop > s0 + t0 + margin)) break;
    q = r0 / r1, r2 = r0 % r1;
    s2 = s0 + q * s1, t2 = t0 + q * t1;
    if (s2 >= cap || t2 >= cap) break;
    if (kCheck && (r2 < s2 + margin || r1 - r2 < t2 + t1 + margin)) break;
    r0 = r1, r1 = r2, s0 = s1, t0 = t1, s1 = s2, t1 = t2, ++steps;
    if (r1 == 0) break;
  }
  return {s0, t0, s1, t1, steps};
}

template <Words kWords>
Matrix run_inner(std::uint64_t x, std::uint64_t y, const Nat* bound, std::size_t shift,
                 std::uint64_t cap);

// Leading 64 bits of x starting at bit h (bits above the number read as zero).
inline std::uint64_t bits_at(const Nat& x, std::size_t h) {
  const std::size_t w = h / 64, b = h % 64;
  const auto n = static_cast<std::size_t>(x.n);
  const limb lo = w < n ? x.d[w] : 0;
  if (b == 0) return lo;
  const limb hi = w + 1 < n ? x.d[w + 1] : 0;
  return (lo >> b) | (hi << (64 - b));
}

template <Words kWords>
Matrix run_inner(std::uint64_t x, std::uint64_t y, const Nat* bound, std::size_t shift,
                 std::uint64_t cap) {
  if (bound == nullptr) return run_inner<kWords, false>(x, y, 0, cap);
  // floor(bound / 2^shift), saturated: a bound above the words' range allows no step at all
  // (the second run of a round can start at a remainder already below the bound).
  const std::uint64_t stop = bound->bits() > shift + 64 ? ~std::uint64_t{0} : bits_at(*bound, shift);
  return run_inner<kWords, true>(x, y, stop, cap);
}

// (A, B) <- (pa·A − ma·B, pb·B − mb·A) over n limbs, in place; both results are known to be
// non-negative. Entries < 2^63, so every per-limb sum fits a signed 128-bit accumulator.
void combine_remainders(limb* a, limb* b, int n, std::uint64_t pa, std::uint64_t ma, std::uint64_t pb,
                        std::uint64_t mb) {
  i128 ca = 0, cb = 0;
  for (int i = 0; i < n; ++i) {
    const limb ai = a[i], bi = b[i];
    const i128 va = ca + static_cast<i128>(u128{pa} * ai) - static_cast<i128>(u128{ma} * bi);
    const i128 vb = cb + static_cast<i128>(u128{pb} * bi) - static_cast<i128>(u128{mb} * ai);
    a[i] = static_cast<limb>(va);
    b[i] = static_cast<limb>(vb);
    ca = va >> 64;
    cb = vb >> 64;
  }
}

// (T0, T1) <- (s0·T0 + t0·T1, s1·T0 + t1·T1) on magnitudes.
void combine_cofactors(Nat& t0, Nat& t1, const Matrix& m) {
  const int n = std::max(t0.n, t1.n);
  for (int i = t0.n; i < n; ++i) t0.d[i] = 0;
  for (int i = t1.n; i < n; ++i) t1.d[i] = 0;
  u128 c0 = 0, c1 = 0;
  for (int i = 0; i < n; ++i) {
    const limb x = t0.d[i], y = t1.d[i];
    const u128 v0 = c0 + u128{m.s0} * x + u128{m.t0} * y;
    const u128 v1 = c1 + u128{m.s1} * x + u128{m.t1} * y;
    t0.d[i] = static_cast<limb>(v0);
    t1.d[i] = static_cast<limb>(v1);
    c0 = v0 >> 64;
    c1 = v1 >> 64;
  }
  t0.n = n;
  t1.n = n;
  t0.d[n] = static_cast<limb>(c0);
  t1.d[n] = static_cast<limb>(c1);
  if (c0) t0.n = n + 1;
  if (c1) t1.n = n + 1;
  t0.normalize();
  t1.normalize();
}

void apply(State& s, const Matrix& m) {
  Nat& r0 = s.r0();
  Nat& r1 = s.r1();
  const int n = r0.n;
  for (int i = r1.n; i < n; ++i) r1.d[i] = 0;
  if (m.steps % 2 == 0) {
    combine_remainders(r0.d, r1.d, n, m.s0, m.t0, m.t1, m.s1);
  } else {
    // New r0 = t0·R1 − s0·R0 lands in r1's limbs, new r1 = s1·R0 − t1·R1 in r0's.
    combine_remainders(r1.d, r0.d, n, m.t0, m.s0, m.s1, m.t1);
    s.top ^= 1;
    s.t0_neg = !s.t0_neg;
  }
  r0.n = n;
  r1.n = n;
  r0.normalize();
  r1.normalize();
  combine_cofactors(s.t0, s.t1, m);
  s.steps += m.steps;
}

// One exact Euclidean step with a full-precision quotient (rare: r1 far below r0, or no
// quotient certain from the leading words).
void exact_step(State& s) {
  Nat q, r, qt;
  limbs::divrem(q, r, s.r0(), s.r1());
  limbs::mul(qt, q, s.t1);
  limbs::add(qt, qt, s.t0);  // |T0| + q|T1|: the signs alternate
  limbs::copy(s.r0(), r);    // the remainder replaces r0, which becomes r1
  s.top ^= 1;
  limbs::copy(s.t0, s.t1);
  limbs::copy(s.t1, qt);
  s.t0_neg = !s.t0_neg;
  ++s.steps;
}

// The product M2·M1 of two runs (signs follow from the parity of the total step count).
Matrix chain(const Matrix& m1, const Matrix& m2) {
  return {m2.s0 * m1.s0 + m2.t0 * m1.s1, m2.s0 * m1.t0 + m2.t0 * m1.t1,
          m2.s1 * m1.s0 + m2.t1 * m1.s1, m2.s1 * m1.t0 + m2.t1 * m1.t1, m1.steps + m2.steps};
}

// Applies a single-run matrix to 4-limb windows of r0 and r1; false if a result is negative
// (possible: the windows are truncated).
bool apply_window(limb* x, limb* y, const Matrix& m) {
  limb nx[4], ny[4];
  const bool even = m.steps % 2 == 0;
  const std::uint64_t pa = even ? m.s0 : m.t0, ma = even ? m.t0 : m.s0;
  const std::uint64_t pb = even ? m.t1 : m.s1, mb = even ? m.s1 : m.t1;
  const limb* a = even ? x : y;
  const limb* b = even ? y : x;
  i128 ca = 0, cb = 0;
  for (int i = 0; i < 4; ++i) {
    const i128 va = ca + static_cast<i128>(u128{pa} * a[i]) - static_cast<i128>(u128{ma} * b[i]);
    const i128 vb = cb + static_cast<i128>(u128{pb} * b[i]) - static_cast<i128>(u128{mb} * a[i]);
    nx[i] = static_cast<limb>(va);
    ny[i] = static_cast<limb>(vb);
    ca = va >> 64;
    cb = vb >> 64;
  }
  if (ca < 0 || cb < 0) return false;
  std::copy(nx, nx + 4, x);
  std::copy(ny, ny + 4, y);
  return true;
}

std::size_t window_bits(const limb* w) {
  for (int i = 3; i >= 0; --i)
    if (w[i] != 0) return 64 * static_cast<std::size_t>(i) + 64 - static_cast<std::size_t>(__builtin_clzll(w[i]));
  return 0;
}

std::uint64_t window_word(const limb* w, std::size_t h) {
  const std::size_t i = h / 64, b = h % 64;
  if (b == 0) return w[i];
  return (w[i] >> b) | (i + 1 < 4 ? w[i + 1] << (64 - b) : 0);
}

// Two runs per multi-precision update: the first on the exact leading word, the second on the
// leading word of the first run's result computed on 256-bit windows, whose error is far below
// one unit of that word. The product matrix advances about 62 bits.
Matrix two_runs(const State& s, const Nat* bound, std::size_t bits) {
  const std::size_t g = bits - 256;
  limb x[4], y[4];
  for (int i = 0; i < 4; ++i) {
    x[i] = bits_at(s.r0(), g + 64 * static_cast<std::size_t>(i));
    y[i] = bits_at(s.r1(), g + 64 * static_cast<std::size_t>(i));
  }
  const Matrix m1 = run_inner<Words::kTruncated>(x[3], y[3], bound, g + 192, kCapFirst);
  if (m1.steps == 0 || !apply_window(x, y, m1)) return m1;
  const std::size_t xb = window_bits(x);
  if (xb < 192) return m1;
  const std::size_t h2 = xb - 64;
  const std::uint64_t x2 = window_word(x, h2), y2 = window_word(y, h2);
  if (y2 >= x2) return m1;
  const Matrix m2 = run_inner<Words::kApprox>(x2, y2, bound, g + h2, kCapSecond);
  return m2.steps == 0 ? m1 : chain(m1, m2);
}

// One Lehmer round: a matrix from the leading words (or an exact step), applied.
void round(State& s, const Nat* bound) {
  const std::size_t bits = s.r0().bits();
  Matrix m{1, 0, 0, 1, 0};
  if (bits > 256) {
    m = two_runs(s, bound, bits);
  } else {
    const std::size_t h = bits > 64 ? bits - 64 : 0;
    const std::uint64_t x = bits_at(s.r0(), h), y = bits_at(s.r1(), h);
    m = h == 0 ? run_inner<Words::kExact>(x, y, bound, h, kCapSingle)
               : run_inner<Words::kTruncated>(x, y, bound, h, kCapSingle);
  }
  if (m.steps == 0)
    exact_step(s);
  else
    apply(s, m);
}

}  // namespace

Matrix inner(std::uint64_t x, std::uint64_t y, std::uint64_t stop) {
  return stop == 0 ? run_inner<Words::kTruncated, false>(x, y, 0, kCapSingle)
                   : run_inner<Words::kTruncated, true>(x, y, stop, kCapSingle);
}

void start(State& s, const Nat& a, const Nat& b, bool t1_neg) {
  s.top = 0;
  limbs::copy(s.r0(), a);
  limbs::copy(s.r1(), b);
  s.t0.n = 0;
  s.t1.set_u64(1);
  s.t0_neg = !t1_neg;
  s.steps = 0;
}

void run_full(State& s) {
  while (s.r1().n != 0) round(s, nullptr);
}

void run_partial(State& s, const Nat& bound) {
  while (s.r1().n != 0 && limbs::cmp(s.r0(), bound) > 0) round(s, &bound);
}

}  // namespace proofgrid::vdf::lehmer
