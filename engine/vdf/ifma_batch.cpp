#include "engine/vdf/ifma_batch.hpp"

// See ifma2048.cpp: GCC 12's AVX-512 headers trip -Wuninitialized once inlined.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <stdexcept>

namespace proofgrid::vdf::ifma {
namespace {

#define PG_IFMA_VL __attribute__((target("avx512f,avx512vl,avx512dq,avx512ifma")))

constexpr std::uint64_t kMask = (std::uint64_t{1} << kDigitBits) - 1;
constexpr int kLanes = static_cast<int>(kBatchLanes);


PG_IFMA_VL inline __m256i ld(const std::uint64_t* p) { return _mm256_load_si256(reinterpret_cast<const __m256i*>(p)); }
PG_IFMA_VL inline void st(std::uint64_t* p, __m256i v) { _mm256_store_si256(reinterpret_cast<__m256i*>(p), v); }

// Columns are handled eight at a time (a block): for every row i, the products that land in
// the block's columns accumulate into eight "low" and nine "high" registers (a high half
// belongs one column up), so each accumulator takes one product per row and the 4-cycle IFMA
// latency never stalls; a row costs one load of its multiplier and one per product. Rows
// whose window would leave the digits (at the top) or cross the diagonal (squaring) are
// triangles of a fixed shape, unrolled without tests.
constexpr int kBlock = 8;

// Digit j of lane i at d[j][i]: row j is one vector.
struct alignas(32) Wide {
  std::uint64_t d[kDigits][kLanes];
};
using Rows = const std::uint64_t (*)[kLanes];

struct Block {
  __m256i lo[kBlock];
  __m256i hi[kBlock + 1];
};

PG_IFMA_VL inline void clear(Block& b) {
  for (auto& v : b.lo) v = _mm256_setzero_si256();
  for (auto& v : b.hi) v = _mm256_setzero_si256();
}

// b += x · w[c] for first ≤ c ≤ last: lows into column c, highs into column c + 1. The bounds
// are constants wherever it matters (the tests fold away once inlined and unrolled).
PG_IFMA_VL inline void row(Block& b, __m256i x, Rows w, int first, int last) {
#pragma GCC unroll 8
  for (int c = 0; c < kBlock; ++c) {
    if (c < first || c > last) continue;
    const __m256i y = ld(w[c]);
    b.lo[c] = _mm256_madd52lo_epu64(b.lo[c], x, y);
    b.hi[c + 1] = _mm256_madd52hi_epu64(b.hi[c + 1], x, y);
  }
}

// Rows x[t], t = 0..6, whose windows w − t end at digit 39 in column t.
PG_IFMA_VL inline void top_rows(Block& b, Rows x, Rows w) {
#pragma GCC unroll 7
  for (int t = 0; t < kBlock - 1; ++t) row(b, ld(x[t]), w - t, 0, t);
}

// The squaring's rows x[u], u = 0..3, at and after the block's half (i = K/2 + u): only
// products a_i·a_j with j > i, i.e. columns c ≥ 2u + 1 of the window w − u.
PG_IFMA_VL inline void diagonal_rows(Block& b, Rows x, Rows w) {
#pragma GCC unroll 4
  for (int u = 0; u < kBlock / 2; ++u) row(b, ld(x[u]), w - u, 2 * u + 1, kBlock - 1);
}

// The squaring's off-diagonal products a_i·a_j (i < j) that land in block K's columns.
PG_IFMA_VL inline void square_rows(Block& sq, const Wide& a, int K) {
  constexpr int kTop = kDigits - 1;
  const int i_first = K > kTop ? K - kTop : 0;
  const int i_full = K > kTop - kBlock + 1 ? K - (kTop - kBlock + 1) : 0;
  clear(sq);
  if (K + kBlock < 2 * kDigits) {
    if (K > kTop) top_rows(sq, a.d + i_first, a.d + kTop);
    for (int i = i_full; i < K / 2; ++i) row(sq, ld(a.d[i]), a.d + (K - i), 0, kBlock - 1);
    diagonal_rows(sq, a.d + K / 2, a.d + K / 2);
  } else {  // the last block, where both triangles meet
    for (int i = i_first; 2 * i + 1 < K + kBlock; ++i)
      row(sq, ld(a.d[i]), a.d + (K - i), 2 * i + 1 > K ? 2 * i + 1 - K : 0, kTop + i - K);
  }
}

// out = a²·R⁻¹ mod n per lane (almost Montgomery: out < 2n for a < 2^16·n), by product
// scanning in blocks of columns: column k collects the digit products of weight 2^(52k) — the
// squaring's off-diagonal ones (doubled), the diagonal, and q_i·n_j — and once a column is
// complete its low 52 bits decide q_k (k < 40) or are output digit k − 40. Column sums stay
// below 2^60 (at most 162 terms below 2^52, plus a carry).
PG_IFMA_VL void square(Wide& out, const Wide& a, const Wide& n, __m256i k0, Wide& q) {
  constexpr int kTop = kDigits - 1;
  const __m256i zero = _mm256_setzero_si256();
  const __m256i mask = _mm256_set1_epi64x(static_cast<long long>(kMask));
  __m256i carry = zero, sq_over = zero, red_over = zero;
  Block sq;
  square_rows(sq, a, 0);
  for (int K = 0; K < 2 * kDigits; K += kBlock) {
    // Rows i ≥ K − 39 reach the block; from K − 32 on their whole window lies below digit 40.
    const int i_first = K > kTop ? K - kTop : 0;
    const int i_full = K > kTop - kBlock + 1 ? K - (kTop - kBlock + 1) : 0;
    // Reduction products q_i·n_j for the q_i of earlier blocks.
    Block red;
    clear(red);
    if (K > kTop) top_rows(red, q.d + i_first, n.d + kTop);
    const int r_end = K < kDigits ? K : kDigits;
    for (int i = i_full; i < r_end; ++i) row(red, ld(q.d[i]), n.d + (K - i), 0, kBlock - 1);
    // The block's columns: doubled off-diagonal sums, the diagonal a_(k/2)², the reduction.
    __m256i col[kBlock + 1];
#pragma GCC unroll 8
    for (int c = 0; c < kBlock; ++c) {
      const __m256i s = _mm256_add_epi64(sq.lo[c], c == 0 ? sq_over : sq.hi[c]);
      const __m256i r = _mm256_add_epi64(red.lo[c], c == 0 ? red_over : red.hi[c]);
      col[c] = _mm256_add_epi64(_mm256_slli_epi64(s, 1), r);
    }
    col[kBlock] = red.hi[kBlock];
    sq_over = sq.hi[kBlock];
    // The next block's squaring rows do not depend on this block's q: issued first, they
    // keep the multipliers busy while the chain of q below runs.
    if (K + kBlock < 2 * kDigits) square_rows(sq, a, K + kBlock);
#pragma GCC unroll 4
    for (int c = 0; c < kBlock; c += 2) {
      if (K / 2 + c / 2 >= kDigits) break;
      const __m256i x = ld(a.d[K / 2 + c / 2]);
      col[c] = _mm256_madd52lo_epu64(col[c], x, x);
      col[c + 1] = _mm256_madd52hi_epu64(col[c + 1], x, x);
    }
    if (K < kDigits) {
      // q_K .. q_(K+7) one after the other: each completes its column and feeds the next.
      // The carry out of a column is known before its q: t + (q·n_0 mod 2^52) is a multiple
      // of 2^52, so it carries t >> 52, plus one unless t's low digit is already zero.
#pragma GCC unroll 8
      for (int c = 0; c < kBlock; ++c) {
        const __m256i t = _mm256_add_epi64(col[c], carry);
        const __m256i qc = _mm256_madd52lo_epu64(zero, t, k0);
        st(q.d[K + c], qc);
        carry = _mm256_add_epi64(_mm256_srli_epi64(t, kDigitBits),
                                 _mm256_srli_epi64(_mm256_add_epi64(_mm256_and_si256(t, mask), mask), kDigitBits));
        const __m256i high0 = _mm256_madd52hi_epu64(zero, qc, ld(n.d[0]));
#pragma GCC unroll 8
        for (int d = c + 1; d < kBlock; ++d) {
          const __m256i nd = ld(n.d[d - c]);
          col[d] = _mm256_madd52lo_epu64(col[d], qc, nd);
          col[d + 1] = _mm256_madd52hi_epu64(col[d + 1], qc, nd);
        }
        col[c + 1] = _mm256_add_epi64(col[c + 1], high0);
      }
    } else {
#pragma GCC unroll 8
      for (int c = 0; c < kBlock; ++c) {
        const __m256i t = _mm256_add_epi64(col[c], carry);
        st(out.d[K - kDigits + c], _mm256_and_si256(t, mask));
        carry = _mm256_srli_epi64(t, kDigitBits);
      }
    }
    red_over = col[kBlock];
  }
}

// x ← x·2^s per lane (0 ≤ s_i ≤ 15), digits stay 52 bits; x < 2n before, < 2^16·n after.
PG_IFMA_VL void shift_left(Wide& x, const std::uint64_t s[kLanes]) {
  const __m256i mask = _mm256_set1_epi64x(static_cast<long long>(kMask));
  const __m256i left = ld(s);
  const __m256i right = _mm256_sub_epi64(_mm256_set1_epi64x(kDigitBits), left);
  for (int j = kDigits - 1; j > 0; --j) {
    const __m256i hi = _mm256_and_si256(_mm256_sllv_epi64(ld(x.d[j]), left), mask);
    st(x.d[j], _mm256_or_si256(hi, _mm256_srlv_epi64(ld(x.d[j - 1]), right)));
  }
  st(x.d[0], _mm256_and_si256(_mm256_sllv_epi64(ld(x.d[0]), left), mask));
}

PG_IFMA_VL void power_of_two(Wide& x, const Wide& n, const std::uint64_t k0_lanes[kLanes],
                             const std::uint64_t (*windows)[kLanes], int window_count) {
  const __m256i k0 = ld(k0_lanes);
  Wide tmp, q;
  for (int w = 1; w < window_count; ++w) {
    square(tmp, x, n, k0, q);
    square(x, tmp, n, k0, q);
    square(tmp, x, n, k0, q);
    square(x, tmp, n, k0, q);
    shift_left(x, windows[w]);
  }
}

// Signed digits (each below 2^62 in magnitude, the value non-negative) back to 52-bit digits,
// lane by lane.
PG_IFMA_VL void normalize(Wide& x) {
  const __m256i mask = _mm256_set1_epi64x(static_cast<long long>(kMask));
  __m256i carry = _mm256_setzero_si256();
  for (int j = 0; j < kDigits; ++j) {
    const __m256i v = _mm256_add_epi64(ld(x.d[j]), carry);
    st(x.d[j], _mm256_and_si256(v, mask));
    carry = _mm256_srai_epi64(v, kDigitBits);
  }
}

// One step of the Lucas ladder from the squares (A, B, S) = (U_j², U_(j+1)², (U_j + U_(j+1))²)
// in lanes 0..2 (each < 2n) to x = (L0, L1, L0 + L1, L0), (L0, L1) = (U_2j, U_(2j+1)) or, for a
// set bit, (U_(2j+1), U_(2j+2)). Multiples of n keep every value non-negative:
// U_2j + 6n < 8n, U_(2j+1) + 2q⁺n < 34n, U_(2j+2) + 8q⁺n < 162n, all below 2^16·n.
PG_IFMA_VL void lucas_step(Wide& x, const Wide& squares, const Wide& n, long q, bool bit) {
  const __m256i qv = _mm256_set1_epi64x(q);
  const __m256i odd_pad = _mm256_set1_epi64x(q > 0 ? 2 * q : 0);
  const __m256i next_pad = _mm256_set1_epi64x(q > 0 ? 8 * q : 0);
  for (int j = 0; j < kDigits; ++j) {
    const __m256i v = ld(squares.d[j]), nj = ld(n.d[j]);
    const __m256i a = _mm256_permute4x64_epi64(v, 0x00), b = _mm256_permute4x64_epi64(v, 0x55);
    const __m256i s = _mm256_permute4x64_epi64(v, 0xaa);
    const __m256i six_n = _mm256_add_epi64(_mm256_slli_epi64(nj, 2), _mm256_slli_epi64(nj, 1));
    const __m256i even = _mm256_add_epi64(_mm256_sub_epi64(s, _mm256_add_epi64(_mm256_slli_epi64(a, 1), b)), six_n);
    const __m256i odd = _mm256_add_epi64(_mm256_sub_epi64(b, _mm256_mullo_epi64(qv, a)), _mm256_mullo_epi64(odd_pad, nj));
    __m256i l0 = even, l1 = odd;
    if (bit) {
      l0 = odd;
      l1 = _mm256_add_epi64(_mm256_sub_epi64(odd, _mm256_mullo_epi64(qv, even)), _mm256_mullo_epi64(next_pad, nj));
    }
    const __m256i mixed = _mm256_mask_blend_epi64(0x2, l0, l1);
    st(x.d[j], _mm256_mask_blend_epi64(0x4, mixed, _mm256_add_epi64(l0, l1)));
  }
  normalize(x);
}

PG_IFMA_VL void lucas_ladder(Wide& x, const Wide& n, const std::uint64_t k0_lanes[kLanes], const Mpz& k, long q) {
  const __m256i k0 = ld(k0_lanes);
  Wide squares, scratch;
  for (std::size_t i = k.bits() - 1; i-- > 0;) {
    square(squares, x, n, k0, scratch);
    lucas_step(x, squares, n, q, mpz_tstbit(k, i) != 0);
  }
}

bool plus_minus_one(const Num& x, const Modulus& m) {
  const Mpz r = residue(x, m);
  Mpz t;
  mpz_add_ui(t, r, 1);
  return mpz_cmp_ui(r.get(), 1) == 0 || mpz_cmp(t, m.value) == 0;
}

}  // namespace

bool batch_supported() {
  static const bool ok = [] {
    __builtin_cpu_init();
    return supported() && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
  }();
  return ok;
}

void sprp2_batch(const Modulus* const moduli[], std::size_t count, bool ok[]) {
  if (count == 0 || count > kBatchLanes) throw std::invalid_argument("sprp2_batch: 1 to 4 moduli");
  // 4-bit windows of e = (n − 1)/2 in a 2048-bit frame, top window first; unused lanes repeat
  // the last modulus.
  constexpr int kWindows = 2048 / 4;
  alignas(32) std::uint64_t windows[kWindows][kLanes];
  alignas(32) std::uint64_t k0[kLanes];
  Wide n, x;
  Mpz e;
  for (int lane = 0; lane < kLanes; ++lane) {
    const Modulus& m = *moduli[std::min<std::size_t>(static_cast<std::size_t>(lane), count - 1)];
    mpz_sub_ui(e, m.value, 1);
    mpz_fdiv_q_2exp(e, e, 1);
    for (int w = 0; w < kWindows; ++w) {
      const int bit = 4 * (kWindows - 1 - w);
      windows[w][lane] = (mpz_getlimbn(e, bit / 64) >> (bit % 64)) & 15;
    }
    k0[lane] = m.k0;
    for (int j = 0; j < kDigits; ++j) {
      n.d[j][lane] = m.n.d[j];
      x.d[j][lane] = m.one.d[j];
    }
  }
  // The top window is at most 7 (e < 2^2047): start from R·2^w0 without squaring 1.
  shift_left(x, windows[0]);
  power_of_two(x, n, k0, windows, kWindows);
  for (std::size_t lane = 0; lane < count; ++lane) {
    Num v;
    for (int j = 0; j < kDigits; ++j) v.d[j] = x.d[j][lane];
    ok[lane] = plus_minus_one(v, *moduli[lane]);
  }
}

void lucas_u_pair(const Modulus& m, const Mpz& k, long q, Mpz& u_k, Mpz& u_k1) {
  if (k.sign() <= 0 || q > 16 || q < -16) throw std::invalid_argument("lucas_u_pair: k ≥ 1 and |q| ≤ 16");
  // (U_1, U_2) = (1, P) = (1, 1) in Montgomery form, in lanes (U_1, U_2, U_1 + U_2, U_1).
  Wide n, x;
  alignas(32) std::uint64_t k0[kLanes];
  for (int lane = 0; lane < kLanes; ++lane) {
    k0[lane] = m.k0;
    for (int j = 0; j < kDigits; ++j) {
      n.d[j][lane] = m.n.d[j];
      x.d[j][lane] = m.one.d[j] << (lane == 2 ? 1 : 0);
    }
  }
  normalize(x);
  lucas_ladder(x, n, k0, k, q);
  Num v;
  for (int j = 0; j < kDigits; ++j) v.d[j] = x.d[j][0];
  u_k = residue(v, m);
  for (int j = 0; j < kDigits; ++j) v.d[j] = x.d[j][1];
  u_k1 = residue(v, m);
}

}  // namespace proofgrid::vdf::ifma

#pragma GCC diagnostic pop
