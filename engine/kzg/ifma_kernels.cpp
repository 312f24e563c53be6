// AVX-512 IFMA: eight independent Fp multiplications per instruction stream, 12 limbs of 52
// bits, Montgomery with R' = 2^624. Compiled for AVX-512 here only; chosen at run time.
//
// Value bounds (p < 2^581, R' = 2^624):
//   mul:  inputs below 2^20 p give t < ab/R' + p < 1.001 p.
//   sub:  a - b + 16p with limbs pre-borrowed so no limb goes negative; needs b < 15p.
//   reduce_top: subtracts k p, k estimated from the top limb; output below 1.1 p.
// Stored coordinates stay below 1.1 p, so every subtraction below is in range.
#pragma GCC push_options
#pragma GCC target("avx512f,avx512ifma,avx512vl,avx512dq,avx512bw")
// GCC 12's AVX-512 headers build shifts and gathers on _mm512_undefined_epi32(), which
// -Wmaybe-uninitialized reports as uninitialised use after inlining; the value is never read.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "engine/kzg/ifma_kernels.hpp"

#include <immintrin.h>

#include <array>
#include <vector>

#include "engine/kzg/mont.hpp"

namespace proofgrid::kzg {
namespace {

constexpr std::size_t kL = Fp52::kLimbs;
constexpr std::uint64_t kMask52 = (std::uint64_t{1} << 52) - 1;
static_assert(sizeof(G1Affine52) == 25 * sizeof(std::uint64_t), "gather offsets assume 25 words per point");
constexpr long long kPointWords = 25;
constexpr long long kYOffset = 12;

struct Constants {
  std::array<std::uint64_t, kL> p{};        // p in radix 2^52
  std::array<std::uint64_t, kL> m16{};      // 16p with every limb pre-borrowed (see sub)
  std::uint64_t inv = 0;                    // -p^-1 mod 2^52
  std::uint64_t top_div = 0;                // floor(2^32 / (p_11 + 1))
};

constexpr std::array<std::uint64_t, kL> radix52(const Limbs<Fp::kLimbs + 1>& v) {
  std::array<std::uint64_t, kL> out{};
  for (std::size_t j = 0; j < kL; ++j) {
    const std::size_t bit = 52 * j, w = bit / 64, s = bit % 64;
    std::uint64_t x = v[w] >> s;
    if (s > 12 && w + 1 < v.size()) x |= v[w + 1] << (64 - s);
    out[j] = x & kMask52;
  }
  return out;
}

constexpr Constants make_constants() {
  Constants c;
  Limbs<Fp::kLimbs + 1> p{}, p16{};
  for (std::size_t j = 0; j < Fp::kLimbs; ++j) p[j] = FieldParams<Fp>::kModulus[j];
  for (std::size_t j = 0; j < p16.size(); ++j) {
    p16[j] = (p[j] << 4) | (j > 0 ? p[j - 1] >> 60 : 0);
  }
  c.p = radix52(p);
  c.m16 = radix52(p16);
  // Borrow one unit from each limb into the one below, so that m16[j] >= 2^52 > b[j] for
  // every normalised b: the value is unchanged and a + m16 - b never has a negative limb.
  c.m16[0] += std::uint64_t{1} << 52;
  for (std::size_t j = 1; j + 1 < kL; ++j) c.m16[j] += (std::uint64_t{1} << 52) - 1;
  c.m16[kL - 1] -= 1;
  c.inv = FieldParams<Fp>::kInv & kMask52;
  c.top_div = (std::uint64_t{1} << 32) / (c.p[kL - 1] + 1);
  return c;
}

constexpr Constants kC = make_constants();

struct V {
  __m512i l[kL];
};

inline __m512i bc(std::uint64_t x) { return _mm512_set1_epi64(static_cast<long long>(x)); }

inline void normalize(V& a) {
  const __m512i mask = bc(kMask52);
  for (std::size_t j = 0; j + 1 < kL; ++j) {
    a.l[j + 1] = _mm512_add_epi64(a.l[j + 1], _mm512_srli_epi64(a.l[j], 52));
    a.l[j] = _mm512_and_si512(a.l[j], mask);
  }
}

// Operand-scanning Montgomery product; limbs accumulate unnormalised (at most ~2^58) and are
// normalised once at the end.
inline V mul(const V& a, const V& b) {
  __m512i t[kL + 1];
  for (auto& x : t) x = _mm512_setzero_si512();
  const __m512i inv = bc(kC.inv);
#pragma GCC unroll 12
  for (std::size_t i = 0; i < kL; ++i) {
    const __m512i bi = b.l[i];
#pragma GCC unroll 12
    for (std::size_t j = 0; j < kL; ++j) {
      t[j] = _mm512_madd52lo_epu64(t[j], a.l[j], bi);
      t[j + 1] = _mm512_madd52hi_epu64(t[j + 1], a.l[j], bi);
    }
    const __m512i q = _mm512_madd52lo_epu64(_mm512_setzero_si512(), t[0], inv);
#pragma GCC unroll 12
    for (std::size_t j = 0; j < kL; ++j) {
      const __m512i pj = bc(kC.p[j]);
      t[j] = _mm512_madd52lo_epu64(t[j], pj, q);
      t[j + 1] = _mm512_madd52hi_epu64(t[j + 1], pj, q);
    }
    const __m512i carry = _mm512_srli_epi64(t[0], 52);  // the low 52 bits are now zero
#pragma GCC unroll 12
    for (std::size_t j = 0; j < kL; ++j) t[j] = t[j + 1];
    t[kL] = _mm512_setzero_si512();
    t[0] = _mm512_add_epi64(t[0], carry);
  }
  V out;
  for (std::size_t j = 0; j < kL; ++j) out.l[j] = t[j];
  normalize(out);
  return out;
}

inline V add(const V& a, const V& b) {
  V out;
  for (std::size_t j = 0; j < kL; ++j) out.l[j] = _mm512_add_epi64(a.l[j], b.l[j]);
  normalize(out);
  return out;
}

// a - b + 16p (b < 15p).
inline V sub(const V& a, const V& b) {
  V out;
  for (std::size_t j = 0; j < kL; ++j) {
    out.l[j] = _mm512_sub_epi64(_mm512_add_epi64(a.l[j], bc(kC.m16[j])), b.l[j]);
  }
  normalize(out);
  return out;
}

// a - k p with k = floor(a_11 * top_div / 2^32) <= a / p: brings values below ~20p under 1.1p.
inline void reduce_top(V& a) {
  const __m512i zero = _mm512_setzero_si512();
  const __m512i k = _mm512_srli_epi64(_mm512_madd52lo_epu64(zero, a.l[kL - 1], bc(kC.top_div)), 32);
  __m512i hi_prev = zero;
  for (std::size_t j = 0; j < kL; ++j) {
    const __m512i pj = bc(kC.p[j]);
    const __m512i lo = _mm512_madd52lo_epu64(zero, k, pj);
    a.l[j] = _mm512_sub_epi64(_mm512_sub_epi64(a.l[j], lo), hi_prev);
    hi_prev = _mm512_madd52hi_epu64(zero, k, pj);
  }
  const __m512i mask = bc(kMask52);
  for (std::size_t j = 0; j + 1 < kL; ++j) {
    a.l[j + 1] = _mm512_add_epi64(a.l[j + 1], _mm512_srai_epi64(a.l[j], 52));
    a.l[j] = _mm512_and_si512(a.l[j], mask);
  }
}

inline V gather(const G1Affine52* base, __m512i word_index) {
  V out;
  const auto* words = reinterpret_cast<const long long*>(base);
  for (std::size_t j = 0; j < kL; ++j) {
    out.l[j] = _mm512_i64gather_epi64(_mm512_add_epi64(word_index, bc(j)), words, 8);
  }
  return out;
}

inline void scatter(G1Affine52* base, __m512i word_index, const V& v) {
  auto* words = reinterpret_cast<long long*>(base);
  for (std::size_t j = 0; j < kL; ++j) {
    _mm512_i64scatter_epi64(words, _mm512_add_epi64(word_index, bc(j)), v.l[j], 8);
  }
}

inline V load(const std::array<Fp52, 8>& lanes) {
  V out;
  for (std::size_t j = 0; j < kL; ++j) {
    alignas(64) std::uint64_t w[8];
    for (std::size_t l = 0; l < 8; ++l) w[l] = lanes[l].limb[j];
    out.l[j] = _mm512_load_si512(w);
  }
  return out;
}

inline std::array<Fp52, 8> store(const V& v) {
  std::array<Fp52, 8> lanes;
  for (std::size_t j = 0; j < kL; ++j) {
    alignas(64) std::uint64_t w[8];
    _mm512_store_si512(w, v.l[j]);
    for (std::size_t l = 0; l < 8; ++l) lanes[l].limb[j] = w[l];
  }
  return lanes;
}

V one() {
  std::array<Fp52, 8> lanes;
  lanes.fill(to_fp52(field_one<Fp>()));
  return load(lanes);
}

}  // namespace

bool add_pairs_ifma(std::span<const G1Affine52> work, std::span<const PointPair> pairs,
                    std::span<G1Affine52> results) {
  thread_local std::vector<std::uint32_t> chord;
  thread_local std::vector<V> prefix;
  chord.clear();
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const G1Affine52& a = work[pairs[k].src];
    const G1Affine52& b = work[pairs[k].src + 1];
    if (b.infinity) results[k] = a;
    else if (a.infinity) results[k] = b;
    else chord.push_back(static_cast<std::uint32_t>(k));
  }
  if (chord.empty()) return true;
  const std::size_t groups = (chord.size() + 7) / 8;
  // Lane l of group g is chord pair 8g + l; the last group repeats its final pair as padding.
  auto lane_pairs = [&](std::size_t g) {
    alignas(64) long long src[8], dst[8];
    for (std::size_t l = 0; l < 8; ++l) {
      const std::uint32_t k = chord[std::min(8 * g + l, chord.size() - 1)];
      src[l] = static_cast<long long>(pairs[k].src) * kPointWords;
      dst[l] = static_cast<long long>(k) * kPointWords;
    }
    return std::pair{_mm512_load_si512(src), _mm512_load_si512(dst)};
  };
  const __m512i next = _mm512_set1_epi64(kPointWords);
  const __m512i y_off = _mm512_set1_epi64(kYOffset);

  prefix.resize(groups);
  V acc = one();
  for (std::size_t g = 0; g < groups; ++g) {
    const __m512i ia = lane_pairs(g).first;
    const V den = sub(gather(work.data(), _mm512_add_epi64(ia, next)), gather(work.data(), ia));
    prefix[g] = acc;
    acc = mul(acc, den);
  }
  std::array<Fp52, 8> lanes = store(acc);
  if (!invert_all(lanes)) return false;  // some pair has x_a == x_b
  V inv = load(lanes);
  for (std::size_t g = groups; g-- > 0;) {
    const __m512i ia = lane_pairs(g).first;
    const V den = sub(gather(work.data(), _mm512_add_epi64(ia, next)), gather(work.data(), ia));
    prefix[g] = mul(inv, prefix[g]);
    inv = mul(inv, den);
  }
  for (std::size_t g = 0; g < groups; ++g) {
    const auto [ia, id] = lane_pairs(g);
    const __m512i ib = _mm512_add_epi64(ia, next);
    const V xa = gather(work.data(), ia), xb = gather(work.data(), ib);
    const V ya = gather(work.data(), _mm512_add_epi64(ia, y_off));
    const V yb = gather(work.data(), _mm512_add_epi64(ib, y_off));
    const V slope = mul(sub(yb, ya), prefix[g]);
    V x3 = sub(mul(slope, slope), add(xa, xb));
    reduce_top(x3);
    V y3 = sub(mul(slope, sub(xa, x3)), ya);
    reduce_top(y3);
    scatter(results.data(), id, x3);
    scatter(results.data(), _mm512_add_epi64(id, y_off), y3);
  }
  for (const std::uint32_t k : chord) results[k].infinity = false;
  return true;
}

}  // namespace proofgrid::kzg

#pragma GCC pop_options
