// The inverse FFT of fft.hpp on AVX-512 IFMA: eight butterflies at a time, Fr in radix 2^52
// (10 limbs, Montgomery R' = 2^520), the array held limb-major in blocks of eight elements.
// Compiled for AVX-512 here only; kernels_for(Isa::kAvx512Ifma) chooses it at run time.
//
// Same butterflies in the same order as inverse_fft, so the same residues; every value stays
// below 2r (r < 2^518): mont_mul of two values below 2r gives < 2r, sums and differences are
// brought back below 2r by one conditional subtraction, and the output is reduced below r.
// Entry and exit cost one multiplication each: x*2^576 -> x*2^520 with the raw constant
// 2^464, and back with N^-1 * 2^576, which also applies the inverse FFT's scaling.
#include "engine/kzg/ifma_mont.hpp"  // first: the AVX-512 IFMA target for this file

#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/kzg/fft.hpp"
#include "engine/kzg/field.hpp"

namespace proofgrid::kzg {
namespace {

using namespace ifma52;

constexpr std::size_t kL = 10;
using V = Vec<kL>;
using Fr52 = std::array<std::uint64_t, kL>;

struct Constants {
  std::array<std::uint64_t, kL> p{};      // r in radix 2^52 (mont_mul's modulus)
  std::array<std::uint64_t, kL> two_r{};  // 2r
  std::uint64_t inv = 0;                  // -r^-1 mod 2^52
};

constexpr Constants make_constants() {
  Constants c;
  const auto& r = FieldParams<Fr>::kModulus;
  std::array<std::uint64_t, Fr::kLimbs> two{};
  for (std::size_t j = 0; j < r.size(); ++j) two[j] = (r[j] << 1) | (j > 0 ? r[j - 1] >> 63 : 0);
  c.p = radix52<kL>(r);
  c.two_r = radix52<kL>(two);
  c.inv = FieldParams<Fr>::kInv & kMask52;
  return c;
}

constexpr Constants kC = make_constants();
static_assert(FieldParams<Fr>::kBits <= 518, "values below 4r must fit 520 bits");

inline V mul(const V& a, const V& b) { return mont_mul<kC>(a, b); }

// x - m when that is not negative, else x (x normalised, below 2m).
inline V subtract_if_above(V x, const std::array<std::uint64_t, kL>& m) {
  V d;
  for (std::size_t j = 0; j < kL; ++j) d.l[j] = _mm512_sub_epi64(x.l[j], bc(m[j]));
  normalize_signed(d);
  const __mmask8 negative = _mm512_cmplt_epi64_mask(d.l[kL - 1], _mm512_setzero_si512());
  for (std::size_t j = 0; j < kL; ++j) x.l[j] = _mm512_mask_blend_epi64(negative, d.l[j], x.l[j]);
  return x;
}

// (e, o) <- (e + o*tw, e - o*tw), everything below 2r.
inline void butterfly(V& e, V& o, const V& tw) {
  const V t = mul(o, tw);
  V sum, diff;
  for (std::size_t j = 0; j < kL; ++j) {
    sum.l[j] = _mm512_add_epi64(e.l[j], t.l[j]);
    diff.l[j] = _mm512_add_epi64(_mm512_sub_epi64(e.l[j], t.l[j]), bc(kC.two_r[j]));
  }
  normalize(sum);
  normalize_signed(diff);  // limbs may dip below zero; the value e - t + 2r is positive
  e = subtract_if_above(sum, kC.two_r);
  o = subtract_if_above(diff, kC.two_r);
}

V load(const Fr52* const lanes[8]) {
  V out;
  for (std::size_t j = 0; j < kL; ++j) {
    alignas(64) std::uint64_t w[8];
    for (std::size_t l = 0; l < 8; ++l) w[l] = (*lanes[l])[j];
    out.l[j] = _mm512_load_si512(w);
  }
  return out;
}

V broadcast(const Fr52& x) {
  V out;
  for (std::size_t j = 0; j < kL; ++j) out.l[j] = bc(x[j]);
  return out;
}

// The raw integer of a Montgomery-form Fr, below r, in radix 2^52.
Fr52 raw52(const Fr& a) { return radix52<kL>(a.limb); }

// Plain integer c as an Fr whose limbs hold c itself (what mont_mul constants need).
Fr52 constant52(const Fr& value_in_montgomery_form) { return radix52<kL>(to_canonical(value_in_montgomery_form)); }

// Lane patterns for the stages with half < 8: two blocks A, B (16 consecutive elements) give
// eight butterflies; lane l pairs element E = (l / h) * 2h + l % h with E + h.
struct SmallStage {
  __m512i take_e, take_o;    // E / O elements out of (A, B): indices 0..15
  __m512i put_a, put_b;      // A' / B' elements out of (E', O'): indices 0..15
};

SmallStage small_stage(std::size_t h) {
  alignas(64) long long e[8], o[8], a[8], b[8];
  for (std::size_t l = 0; l < 8; ++l) {
    const std::size_t pos = (l / h) * 2 * h + l % h;
    e[l] = static_cast<long long>(pos);
    o[l] = static_cast<long long>(pos + h);
  }
  for (std::size_t pos = 0; pos < 16; ++pos) {
    const std::size_t in_pair = pos % (2 * h), l = (pos / (2 * h)) * h + in_pair % h;
    const long long from = static_cast<long long>(in_pair < h ? l : 8 + l);
    (pos < 8 ? a[pos] : b[pos - 8]) = from;
  }
  return {_mm512_load_si512(e), _mm512_load_si512(o), _mm512_load_si512(a), _mm512_load_si512(b)};
}

}  // namespace

void inverse_fft_ifma(std::span<Fr> values, std::span<const Fr> roots) {
  const std::size_t n = values.size();
  if (n == 0 || (n & (n - 1)) != 0 || roots.size() != n + 1) {
    throw std::invalid_argument("inverse_fft: size must be a power of two with N + 1 roots");
  }
  if (n < 16) {  // fewer than two blocks: the scalar code
    inverse_fft(values, roots);
    return;
  }
  unsigned log_n = 0;
  while ((std::size_t{1} << log_n) < n) ++log_n;
  const std::size_t blocks = n / 8;

  // Entry: bit-reversed order, radix 2^52, times 2^464 (x*2^576 -> x*2^520).
  std::vector<Fr52> raw(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t j = 0;
    for (unsigned b = 0; b < log_n; ++b) j |= ((i >> b) & 1U) << (log_n - 1 - b);
    raw[j] = raw52(values[i]);
  }
  const V to_r520 = broadcast(constant52(pow(from_u64<Fr>(2), Limbs<1>{464})));
  std::vector<V> x(blocks);
  for (std::size_t k = 0; k < blocks; ++k) {
    const Fr52* lanes[8];
    for (std::size_t l = 0; l < 8; ++l) lanes[l] = &raw[8 * k + l];
    x[k] = mul(load(lanes), to_r520);
  }
  // Twiddles R[k] = T[N - k], k < N/2, converted the same way.
  std::vector<Fr52> tw(n / 2);
  for (std::size_t k = 0; k < n / 2; ++k) tw[k] = raw52(roots[n - k]);
  std::vector<Fr52> tw520(n / 2);
  for (std::size_t k = 0; k < n / 2; k += 8) {
    const Fr52* lanes[8];
    for (std::size_t l = 0; l < 8; ++l) lanes[l] = &tw[std::min(k + l, n / 2 - 1)];
    const V v = mul(load(lanes), to_r520);
    for (std::size_t j = 0; j < kL; ++j) {
      alignas(64) std::uint64_t w[8];
      _mm512_store_si512(w, v.l[j]);
      for (std::size_t l = 0; l < 8 && k + l < n / 2; ++l) tw520[k + l][j] = w[l];
    }
  }
  auto twiddles = [&](std::size_t first, std::size_t step, std::size_t h) {
    const Fr52* lanes[8];
    for (std::size_t l = 0; l < 8; ++l) lanes[l] = &tw520[((first + l) % h) * step];
    return load(lanes);
  };

  // Stages with half 1, 2, 4: inside pairs of blocks, through lane permutations.
  for (std::size_t h = 1; h < 8; h <<= 1) {
    const SmallStage s = small_stage(h);
    const V tw_h = twiddles(0, n / (2 * h), h);
    for (std::size_t k = 0; k < blocks; k += 2) {
      V e, o;
      for (std::size_t j = 0; j < kL; ++j) {
        e.l[j] = _mm512_permutex2var_epi64(x[k].l[j], s.take_e, x[k + 1].l[j]);
        o.l[j] = _mm512_permutex2var_epi64(x[k].l[j], s.take_o, x[k + 1].l[j]);
      }
      butterfly(e, o, tw_h);
      for (std::size_t j = 0; j < kL; ++j) {
        x[k].l[j] = _mm512_permutex2var_epi64(e.l[j], s.put_a, o.l[j]);
        x[k + 1].l[j] = _mm512_permutex2var_epi64(e.l[j], s.put_b, o.l[j]);
      }
    }
  }
  // Stages with half >= 8: whole blocks.
  for (std::size_t h = 8; h < n; h <<= 1) {
    const std::size_t step = n / (2 * h);
    for (std::size_t i = 0; i < h; i += 8) {
      const V tw_i = twiddles(i, step, h);
      for (std::size_t start = 0; start < n; start += 2 * h)
        butterfly(x[(start + i) / 8], x[(start + h + i) / 8], tw_i);
    }
  }

  // Exit: times N^-1 * 2^576 (back to R = 2^576, scaled), below r, 64-bit limbs.
  const V out_scale = broadcast(constant52(inverse(from_u64<Fr>(n)) * pow(from_u64<Fr>(2), Limbs<1>{576})));
  for (std::size_t k = 0; k < blocks; ++k) {
    const V v = subtract_if_above(mul(x[k], out_scale), kC.p);
    for (std::size_t l = 0; l < 8; ++l) values[8 * k + l] = Fr{};
    for (std::size_t j = 0; j < kL; ++j) {
      alignas(64) std::uint64_t w[8];
      _mm512_store_si512(w, v.l[j]);
      for (std::size_t l = 0; l < 8; ++l) {
        auto& limb = values[8 * k + l].limb;
        const std::size_t bit = 52 * j, word = bit / 64, shift = bit % 64;
        limb[word] |= w[l] << shift;
        if (shift > 12 && word + 1 < limb.size()) limb[word + 1] |= w[l] >> (64 - shift);
      }
    }
  }
}

}  // namespace proofgrid::kzg

#ifdef __clang__
#pragma clang attribute pop
#endif
#pragma GCC pop_options
