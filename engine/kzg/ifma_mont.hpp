#pragma once
// Eight Montgomery multiplications at once on AVX-512 IFMA (vpmadd52{lo,hi}uq), numbers in
// radix 2^52, one zmm register per limb position (lane k holds number k). Shared by the MSM's
// Fp kernels (ifma_kernels.cpp) and the Fr FFT (fft_ifma.cpp).
//
// Include first, only from the files that hold IFMA kernels: it switches the rest of the file
// to the AVX-512 IFMA target (the file ends with `#pragma clang attribute pop` under clang and
// `#pragma GCC pop_options`). Call those kernels only after isa_supported(Isa::kAvx512Ifma)
// said yes.
#pragma GCC push_options
#pragma GCC target("avx512f,avx512ifma,avx512vl,avx512dq,avx512bw")
// clang ignores "#pragma GCC target" (the fuzz tree builds with clang 14).
#ifdef __clang__
#pragma clang attribute push(__attribute__((target("avx512f,avx512ifma,avx512vl,avx512dq,avx512bw"))), apply_to = function)
#endif
// GCC 12's AVX-512 headers build shifts, gathers and permutes on _mm512_undefined_epi32(),
// which -W(maybe-)uninitialized reports after inlining (-Wuninitialized at the asan preset's
// -O1); the value is never read.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace proofgrid::kzg::ifma52 {

inline constexpr std::uint64_t kMask52 = (std::uint64_t{1} << 52) - 1;

template <std::size_t L>
struct Vec {
  __m512i l[L];
};

inline __m512i bc(std::uint64_t x) { return _mm512_set1_epi64(static_cast<long long>(x)); }

// Limbs back into [0, 2^52), carries upwards. Signed: arithmetic carries, for limbs that may
// be negative (a negative value leaves a negative top limb); else limbs must be non-negative.
template <bool Signed = false, std::size_t L>
inline void normalize(Vec<L>& a) {
  const __m512i mask = bc(kMask52);
  for (std::size_t j = 0; j + 1 < L; ++j) {
    const __m512i carry = Signed ? _mm512_srai_epi64(a.l[j], 52) : _mm512_srli_epi64(a.l[j], 52);
    a.l[j + 1] = _mm512_add_epi64(a.l[j + 1], carry);
    a.l[j] = _mm512_and_si512(a.l[j], mask);
  }
}

template <std::size_t L>
inline void normalize_signed(Vec<L>& a) { normalize<true>(a); }

// a * b / 2^(52 L) mod m, with C.p = m in radix 2^52 and C.inv = -m^-1 mod 2^52: operand
// scanning, limbs accumulate unnormalised (below 2^58 for L <= 12) and are normalised once at
// the end. The result is below a*b/2^(52 L) + m.
template <const auto& C>
inline Vec<C.p.size()> mont_mul(const Vec<C.p.size()>& a, const Vec<C.p.size()>& b) {
  constexpr std::size_t L = C.p.size();
  __m512i t[L + 1];
  for (auto& x : t) x = _mm512_setzero_si512();
  const __m512i inv = bc(C.inv);
#pragma GCC unroll 12
  for (std::size_t i = 0; i < L; ++i) {
    const __m512i bi = b.l[i];
#pragma GCC unroll 12
    for (std::size_t j = 0; j < L; ++j) {
      t[j] = _mm512_madd52lo_epu64(t[j], a.l[j], bi);
      t[j + 1] = _mm512_madd52hi_epu64(t[j + 1], a.l[j], bi);
    }
    const __m512i q = _mm512_madd52lo_epu64(_mm512_setzero_si512(), t[0], inv);
#pragma GCC unroll 12
    for (std::size_t j = 0; j < L; ++j) {
      const __m512i pj = bc(C.p[j]);
      t[j] = _mm512_madd52lo_epu64(t[j], pj, q);
      t[j + 1] = _mm512_madd52hi_epu64(t[j + 1], pj, q);
    }
    const __m512i carry = _mm512_srli_epi64(t[0], 52);  // the low 52 bits are now zero
#pragma GCC unroll 12
    for (std::size_t j = 0; j < L; ++j) t[j] = t[j + 1];
    t[L] = _mm512_setzero_si512();
    t[0] = _mm512_add_epi64(t[0], carry);
  }
  Vec<L> out;
  for (std::size_t j = 0; j < L; ++j) out.l[j] = t[j];
  normalize(out);
  return out;
}

// The radix-2^52 limbs of a little-endian 64-bit-limb integer (bits beyond 52 L are dropped).
template <std::size_t L, std::size_t N>
constexpr std::array<std::uint64_t, L> radix52(const std::array<std::uint64_t, N>& v) {
  std::array<std::uint64_t, L> out{};
  for (std::size_t j = 0; j < L; ++j) {
    const std::size_t bit = 52 * j, w = bit / 64, s = bit % 64;
    std::uint64_t x = w < N ? v[w] >> s : 0;
    if (s > 12 && w + 1 < N) x |= v[w + 1] << (64 - s);
    out[j] = x & kMask52;
  }
  return out;
}

}  // namespace proofgrid::kzg::ifma52
