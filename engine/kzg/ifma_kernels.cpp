// AVX-512 IFMA: eight independent Fp multiplications per instruction stream, 12 limbs of 52
// bits, Montgomery with R' = 2^624. Compiled for AVX-512 here only; chosen at run time.
//
// Value bounds (p < 2^581, R' = 2^624):
//   mul:  inputs below 2^20 p give t < ab/R' + p < 1.001 p.
//   sub:  a - b + 16p with limbs pre-borrowed so no limb goes negative; needs b < 15p.
//   reduce_top: subtracts k p, k estimated from the top limb; output below 1.1 p.
// Stored coordinates stay below 1.1 p, so every subtraction below is in range.
#include "engine/kzg/ifma_mont.hpp"  // first: the AVX-512 IFMA target for this file

#include "engine/kzg/ifma_kernels.hpp"

#include <array>
#include <vector>

#include "engine/kzg/mont.hpp"

namespace proofgrid::kzg {
namespace {

using namespace ifma52;

constexpr std::size_t kL = Fp52::kLimbs;
static_assert(sizeof(G1Affine52) == 25 * sizeof(std::uint64_t), "gather offsets assume 25 words per point");
constexpr long long kPointWords = 25;
constexpr long long kYOffset = 12;
constexpr long long kFlagOffset = 24;  // the word holding `infinity`

struct Constants {
  std::array<std::uint64_t, kL> p{};        // p in radix 2^52
  std::array<std::uint64_t, kL> m16{};      // 16p with every limb pre-borrowed (see sub)
  std::array<std::uint64_t, kL> p_borrowed{};  // p, pre-borrowed the same way (see negate)
  std::uint64_t inv = 0;                    // -p^-1 mod 2^52
  std::uint64_t top_div = 0;                // floor(2^32 / (p_11 + 1))
};

constexpr Constants make_constants() {
  Constants c;
  Limbs<Fp::kLimbs + 1> p{}, p16{};
  for (std::size_t j = 0; j < Fp::kLimbs; ++j) p[j] = FieldParams<Fp>::kModulus[j];
  for (std::size_t j = 0; j < p16.size(); ++j) {
    p16[j] = (p[j] << 4) | (j > 0 ? p[j - 1] >> 60 : 0);
  }
  c.p = radix52<kL>(p);
  c.m16 = radix52<kL>(p16);
  // Borrow one unit from each limb into the one below, so that m16[j] >= 2^52 > b[j] for
  // every normalised b: the value is unchanged and a + m16 - b never has a negative limb.
  c.m16[0] += std::uint64_t{1} << 52;
  for (std::size_t j = 1; j + 1 < kL; ++j) c.m16[j] += (std::uint64_t{1} << 52) - 1;
  c.m16[kL - 1] -= 1;
  c.p_borrowed = c.p;
  c.p_borrowed[0] += std::uint64_t{1} << 52;
  for (std::size_t j = 1; j + 1 < kL; ++j) c.p_borrowed[j] += (std::uint64_t{1} << 52) - 1;
  c.p_borrowed[kL - 1] -= 1;
  c.inv = FieldParams<Fp>::kInv & kMask52;
  c.top_div = (std::uint64_t{1} << 32) / (c.p[kL - 1] + 1);
  return c;
}

constexpr Constants kC = make_constants();

using V = Vec<kL>;

inline V mul(const V& a, const V& b) { return mont_mul<kC>(a, b); }

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
  normalize_signed(a);
}

// p - a in the lanes of `lanes` (a < p there); other lanes keep a. The top limb may dip below
// zero before normalising, hence the arithmetic carries.
inline V negate_lanes(const V& a, __mmask8 lanes) {
  if (lanes == 0) return a;
  V n;
  for (std::size_t j = 0; j < kL; ++j) n.l[j] = _mm512_sub_epi64(bc(kC.p_borrowed[j]), a.l[j]);
  normalize_signed(n);
  V out;
  for (std::size_t j = 0; j < kL; ++j) out.l[j] = _mm512_mask_blend_epi64(lanes, a.l[j], n.l[j]);
  return out;
}

inline V gather(const G1Affine52* base, __m512i word_index) {
  V out;
  const auto* words = reinterpret_cast<const long long*>(base);
  for (std::size_t j = 0; j < kL; ++j) {
    out.l[j] = _mm512_i64gather_epi64(_mm512_add_epi64(word_index, bc(j)), words, 8);
  }
  return out;
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

bool add_pairs_ifma(std::span<const G1Affine52> src, std::span<const PointPair> pairs, std::span<G1Affine52> dst) {
  if (pairs.empty()) return true;
  // The inputs of a group are gathered once (pass 1) into a sequential staging area; pass 3
  // reads them back from there. Lanes where a point is infinity ("special") get denominator 1
  // and are finished by scalar code at the end.
  struct Staged {
    V xa, xb, ya, yb, den, prefix;
    __mmask8 special;
  };
  thread_local std::vector<Staged> staged;
  const std::size_t groups = (pairs.size() + 7) / 8;
  // Lane l of group g is pair 8g + l; the last group repeats its final pair as padding.
  auto pair_of = [&](std::size_t g, std::size_t l) -> const PointPair& {
    return pairs[std::min(8 * g + l, pairs.size() - 1)];
  };
  // Points of group g + kAhead are fetched into cache while group g computes.
  constexpr std::size_t kAhead = 4;
  auto prefetch_group = [&](std::size_t g) {
    if (g >= groups) return;
    for (std::size_t l = 0; l < 8; ++l) {
      const PointPair& p = pair_of(g, l);
      for (const std::uint32_t ref : {p.a, p.b}) {
        const char* at = reinterpret_cast<const char*>(&src[ref >> 1]);
        for (std::size_t line = 0; line < sizeof(G1Affine52); line += 64) _mm_prefetch(at + line, _MM_HINT_T0);
        _mm_prefetch(at + sizeof(G1Affine52) - 1, _MM_HINT_T0);
      }
    }
  };
  const __m512i y_off = bc(kYOffset), flag_off = bc(kFlagOffset), flag_bit = bc(1);
  const V unit = one();

  staged.resize(groups);
  for (std::size_t g = 0; g < kAhead; ++g) prefetch_group(g);
  V acc = unit;
  for (std::size_t g = 0; g < groups; ++g) {
    prefetch_group(g + kAhead);
    alignas(64) long long ia[8], ib[8];
    unsigned na = 0, nb = 0;
    for (std::size_t l = 0; l < 8; ++l) {
      const PointPair& p = pair_of(g, l);
      ia[l] = static_cast<long long>(p.a >> 1) * kPointWords;
      ib[l] = static_cast<long long>(p.b >> 1) * kPointWords;
      na |= (p.a & 1U) << l;
      nb |= (p.b & 1U) << l;
    }
    const __m512i va = _mm512_load_si512(ia), vb = _mm512_load_si512(ib);
    const auto* words = reinterpret_cast<const long long*>(src.data());
    const __m512i flags = _mm512_or_si512(_mm512_i64gather_epi64(_mm512_add_epi64(va, flag_off), words, 8),
                                          _mm512_i64gather_epi64(_mm512_add_epi64(vb, flag_off), words, 8));
    Staged& s = staged[g];
    s.special = _mm512_test_epi64_mask(flags, flag_bit);  // the bool sits in the low byte
    s.xa = gather(src.data(), va);
    s.xb = gather(src.data(), vb);
    s.ya = negate_lanes(gather(src.data(), _mm512_add_epi64(va, y_off)), static_cast<__mmask8>(na));
    s.yb = negate_lanes(gather(src.data(), _mm512_add_epi64(vb, y_off)), static_cast<__mmask8>(nb));
    s.den = sub(s.xb, s.xa);
    for (std::size_t j = 0; j < kL; ++j) s.den.l[j] = _mm512_mask_blend_epi64(s.special, s.den.l[j], unit.l[j]);
    s.prefix = acc;
    acc = mul(acc, s.den);
  }
  std::array<Fp52, 8> lanes = store(acc);
  if (!invert_all(lanes)) return false;  // some pair has x_a == x_b
  V inv = load(lanes);
  for (std::size_t g = groups; g-- > 0;) {
    staged[g].prefix = mul(inv, staged[g].prefix);
    inv = mul(inv, staged[g].den);
  }
  for (std::size_t g = 0; g < groups; ++g) {
    const Staged& s = staged[g];
    const V slope = mul(sub(s.yb, s.ya), s.prefix);
    V x3 = sub(mul(slope, slope), add(s.xa, s.xb));
    reduce_top(x3);
    V y3 = sub(mul(slope, sub(s.xa, x3)), s.ya);
    reduce_top(y3);
    alignas(64) long long id[8];
    for (std::size_t l = 0; l < 8; ++l) id[l] = static_cast<long long>(pair_of(g, l).dst) * kPointWords;
    const __m512i vd = _mm512_load_si512(id);
    const __mmask8 normal = static_cast<__mmask8>(~s.special);
    auto* words = reinterpret_cast<long long*>(dst.data());
    for (std::size_t j = 0; j < kL; ++j) {
      _mm512_mask_i64scatter_epi64(words, normal, _mm512_add_epi64(vd, bc(j)), x3.l[j], 8);
      _mm512_mask_i64scatter_epi64(words, normal, _mm512_add_epi64(vd, bc(kYOffset + j)), y3.l[j], 8);
    }
    for (std::size_t l = 0; l < 8 && 8 * g + l < pairs.size(); ++l) {
      const PointPair& p = pairs[8 * g + l];
      if (((s.special >> l) & 1U) == 0) {
        dst[p.dst].infinity = false;
        continue;
      }
      const G1Affine52& a = src[p.a >> 1];
      const std::uint32_t keep = a.infinity ? p.b : p.a;  // the other one may be infinity too
      dst[p.dst] = (keep & 1U) != 0 ? neg(src[keep >> 1]) : src[keep >> 1];
    }
  }
  return true;
}

}  // namespace proofgrid::kzg

#ifdef __clang__
#pragma clang attribute pop
#endif
#pragma GCC pop_options
