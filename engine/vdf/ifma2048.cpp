#include "engine/vdf/ifma2048.hpp"

// GCC 12's AVX-512 headers build some intrinsics from _mm512_undefined_*(), which trips
// -Wuninitialized once inlined; the values are fully overwritten, so the warning is noise.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstring>
#include <stdexcept>

#include "engine/common/isa.hpp"

namespace proofgrid::vdf::ifma {
namespace {

#define PG_IFMA __attribute__((target("avx512f,avx512ifma")))

constexpr std::uint64_t kMask = (std::uint64_t{1} << kDigitBits) - 1;
constexpr int kVecs = kDigits / 8;
static_assert(kDigits % 8 == 0, "digits fill whole vectors");

PG_IFMA inline void load(__m512i v[kVecs], const Num& x) {
  for (int j = 0; j < kVecs; ++j) v[j] = _mm512_load_si512(x.d + 8 * j);
}

PG_IFMA inline void store(Num& x, const __m512i v[kVecs]) {
  for (int j = 0; j < kVecs; ++j) _mm512_store_si512(x.d + 8 * j, v[j]);
}

// Exact carry propagation in scalar code: the rare case the vector rounds leave a ripple.
void normalize_scalar(Num& x) {
  std::int64_t carry = 0;
  for (int i = 0; i < kDigits; ++i) {
    const std::int64_t v = static_cast<std::int64_t>(x.d[i]) + carry;
    x.d[i] = static_cast<std::uint64_t>(v) & kMask;
    carry = v >> kDigitBits;  // arithmetic: a borrow stays negative
  }
}

// Lanes hold signed 64-bit values; afterwards every lane is a digit below 2^52 and the value
// is unchanged (the caller guarantees it is non-negative and below 2^2080).
PG_IFMA inline void normalize(__m512i v[kVecs]) {
  const __m512i mask = _mm512_set1_epi64(static_cast<long long>(kMask));
  const __m512i zero = _mm512_setzero_si512();
  for (int round = 0; round < 2; ++round) {
    __m512i c[kVecs];
    for (int j = 0; j < kVecs; ++j) {
      c[j] = _mm512_srai_epi64(v[j], kDigitBits);
      v[j] = _mm512_and_si512(v[j], mask);
    }
    // The carry of lane k moves to lane k + 1 (across vectors).
    v[0] = _mm512_add_epi64(v[0], _mm512_alignr_epi64(c[0], zero, 7));
    for (int j = 1; j < kVecs; ++j) v[j] = _mm512_add_epi64(v[j], _mm512_alignr_epi64(c[j], c[j - 1], 7));
  }
  __mmask8 bad = 0;
  for (int j = 0; j < kVecs; ++j) bad |= _mm512_cmpgt_epu64_mask(v[j], mask);
  if (bad != 0) {
    Num tmp;
    store(tmp, v);
    normalize_scalar(tmp);
    load(v, tmp);
  }
}

// S independent almost-Montgomery products, interleaved. The digit that decides each
// iteration's Montgomery factor q_i is tracked in scalar registers (from the second digit of
// the vector, which is ready an iteration early), so the serial chain is a few scalar
// multiplications instead of a round trip through the vector unit.
template <int S>
PG_IFMA inline void amm(Num* const out[S], const Num* const a[S], const Num* const b[S],
                        const Modulus* const m[S]) {
  __extension__ typedef unsigned __int128 u128;
  const __m512i zero = _mm512_setzero_si512();
  __m512i A[S][kVecs], N[S][kVecs], X[S][kVecs];
  std::uint64_t k0[S], a0[S], a1[S], n0[S], n1[S], low[S];
  for (int s = 0; s < S; ++s) {
    load(A[s], *a[s]);
    load(N[s], m[s]->n);
    for (int j = 0; j < kVecs; ++j) X[s][j] = zero;
    k0[s] = m[s]->k0;
    a0[s] = a[s]->d[0];
    a1[s] = a[s]->d[1];
    n0[s] = m[s]->n.d[0];
    n1[s] = m[s]->n.d[1];
    low[s] = 0;  // lane 0 of the accumulator at the start of the iteration
  }
  for (int i = 0; i < kDigits; ++i) {
    for (int s = 0; s < S; ++s) {
      const std::uint64_t bi = b[s]->d[i];
      // Lane 1, ready early: it becomes lane 0 after this iteration's shift.
      const std::uint64_t second = static_cast<std::uint64_t>(
          _mm_extract_epi64(_mm512_castsi512_si128(X[s][0]), 1));
      const u128 p0 = u128{a0[s]} * bi, p1 = u128{a1[s]} * bi;
      const std::uint64_t t = low[s] + (static_cast<std::uint64_t>(p0) & kMask);
      const std::uint64_t q = (t * k0[s]) & kMask;
      const u128 r0 = u128{q} * n0[s], r1 = u128{q} * n1[s];
      const std::uint64_t carry = (t + (static_cast<std::uint64_t>(r0) & kMask)) >> kDigitBits;
      low[s] = second + (static_cast<std::uint64_t>(p1) & kMask) + (static_cast<std::uint64_t>(r1) & kMask) +
               carry + static_cast<std::uint64_t>(p0 >> kDigitBits) +
               static_cast<std::uint64_t>(r0 >> kDigitBits);
      const __m512i bv = _mm512_set1_epi64(static_cast<long long>(bi));
      const __m512i qv = _mm512_set1_epi64(static_cast<long long>(q));
      for (int j = 0; j < kVecs; ++j) {
        X[s][j] = _mm512_madd52lo_epu64(X[s][j], A[s][j], bv);
        X[s][j] = _mm512_madd52lo_epu64(X[s][j], N[s][j], qv);
      }
      // Lane 0 is now a multiple of 2^52: drop it and carry its high part into lane 1.
      for (int j = 0; j < kVecs - 1; ++j) X[s][j] = _mm512_alignr_epi64(X[s][j + 1], X[s][j], 1);
      X[s][kVecs - 1] = _mm512_alignr_epi64(zero, X[s][kVecs - 1], 1);
      X[s][0] = _mm512_mask_add_epi64(X[s][0], 1, X[s][0],
                                      _mm512_set1_epi64(static_cast<long long>(carry)));
      // High halves belong one digit up, which is where the shift just moved everything.
      for (int j = 0; j < kVecs; ++j) {
        X[s][j] = _mm512_madd52hi_epu64(X[s][j], A[s][j], bv);
        X[s][j] = _mm512_madd52hi_epu64(X[s][j], N[s][j], qv);
      }
    }
  }
  for (int s = 0; s < S; ++s) {
    normalize(X[s]);
    store(*out[s], X[s]);
  }
}

PG_IFMA void twice_impl(Num& out, const Num& a) {
  const __m512i mask = _mm512_set1_epi64(static_cast<long long>(kMask));
  const __m512i zero = _mm512_setzero_si512();
  __m512i v[kVecs], h[kVecs];
  load(v, a);
  for (int j = 0; j < kVecs; ++j) {
    h[j] = _mm512_srli_epi64(v[j], kDigitBits - 1);
    v[j] = _mm512_and_si512(_mm512_slli_epi64(v[j], 1), mask);
  }
  v[0] = _mm512_or_si512(v[0], _mm512_alignr_epi64(h[0], zero, 7));
  for (int j = 1; j < kVecs; ++j) v[j] = _mm512_or_si512(v[j], _mm512_alignr_epi64(h[j], h[j - 1], 7));
  store(out, v);
}

PG_IFMA void add_impl(Num& out, const Num& a, const Num& b) {
  __m512i x[kVecs], y[kVecs];
  load(x, a);
  load(y, b);
  for (int j = 0; j < kVecs; ++j) x[j] = _mm512_add_epi64(x[j], y[j]);
  normalize(x);
  store(out, x);
}

PG_IFMA void sub_impl(Num& out, const Num& a, const Num& b, const Modulus& m) {
  __m512i x[kVecs], y[kVecs], n[kVecs];
  load(x, a);
  load(y, b);
  load(n, m.n);
  for (int j = 0; j < kVecs; ++j)
    x[j] = _mm512_add_epi64(_mm512_sub_epi64(x[j], y[j]), _mm512_slli_epi64(n[j], 10));
  normalize(x);
  store(out, x);
}

PG_IFMA void half_impl(Num& out, const Num& a, const Modulus& m) {
  __m512i x[kVecs], l[kVecs];
  load(x, a);
  if (a.d[0] & 1) {
    __m512i n[kVecs];
    load(n, m.n);
    for (int j = 0; j < kVecs; ++j) x[j] = _mm512_add_epi64(x[j], n[j]);
    normalize(x);
  }
  const __m512i one = _mm512_set1_epi64(1);
  const __m512i zero = _mm512_setzero_si512();
  for (int j = 0; j < kVecs; ++j) l[j] = _mm512_slli_epi64(_mm512_and_si512(x[j], one), kDigitBits - 1);
  // Lane k takes the low bit of lane k + 1 as its top bit.
  for (int j = 0; j < kVecs - 1; ++j)
    x[j] = _mm512_or_si512(_mm512_srli_epi64(x[j], 1), _mm512_alignr_epi64(l[j + 1], l[j], 1));
  x[kVecs - 1] = _mm512_or_si512(_mm512_srli_epi64(x[kVecs - 1], 1), _mm512_alignr_epi64(zero, l[kVecs - 1], 1));
  store(out, x);
}

}  // namespace

bool supported() { return isa_supported(Isa::kAvx512Ifma); }

void to_digits(Num& out, const Mpz& v) {
  std::memset(out.d, 0, sizeof(out.d));
  const std::size_t limbs = mpz_size(v);
  for (int k = 0; k < kDigits; ++k) {
    const std::size_t bit = static_cast<std::size_t>(k) * kDigitBits;
    const std::size_t w = bit / 64, b = bit % 64;
    if (w >= limbs) break;
    std::uint64_t x = mpz_getlimbn(v, static_cast<mp_size_t>(w)) >> b;
    if (b > 64 - kDigitBits && w + 1 < limbs) x |= mpz_getlimbn(v, static_cast<mp_size_t>(w + 1)) << (64 - b);
    out.d[k] = x & kMask;
  }
}

Mpz from_digits(const Num& v) {
  Mpz out, t;
  for (int k = kDigits; k-- > 0;) {
    mpz_mul_2exp(out, out, kDigitBits);
    mpz_add_ui(out, out, v.d[k]);
  }
  return out;
}

void setup(Modulus& m, const Mpz& n) {
  if (mpz_even_p(n.get()) || n.bits() > 2048 || n.bits() < 2041)
    throw std::invalid_argument("ifma::setup: the modulus must be odd with 2041..2048 bits");
  m.value = n;
  to_digits(m.n, n);
  // n⁻¹ mod 2^64 by Newton's iteration (each step doubles the correct low bits).
  const std::uint64_t n0 = mpz_getlimbn(n, 0);
  std::uint64_t inv = n0;
  for (int i = 0; i < 5; ++i) inv *= 2 - n0 * inv;
  m.k0 = (0 - inv) & kMask;
  Mpz r;
  mpz_setbit(r, kDigits * kDigitBits);
  mpz_mod(r, r, n);
  to_digits(m.one, r);
  mpz_mul(r, r, r);
  mpz_mod(r, r, n);
  to_digits(m.r2, r);
}

void mul(Num& out, const Num& a, const Num& b, const Modulus& m) {
  Num* o[1] = {&out};
  const Num* x[1] = {&a};
  const Num* y[1] = {&b};
  const Modulus* mm[1] = {&m};
  amm<1>(o, x, y, mm);
}

void mul2(Num& out0, const Num& a0, const Num& b0, const Modulus& m0, Num& out1, const Num& a1,
          const Num& b1, const Modulus& m1) {
  Num* o[2] = {&out0, &out1};
  const Num* x[2] = {&a0, &a1};
  const Num* y[2] = {&b0, &b1};
  const Modulus* mm[2] = {&m0, &m1};
  amm<2>(o, x, y, mm);
}

void mul3(Num& out0, const Num& a0, const Num& b0, Num& out1, const Num& a1, const Num& b1,
          Num& out2, const Num& a2, const Num& b2, const Modulus& m) {
  // Three interleaved products spill registers; two plus one is faster. Inputs are copied
  // first: an output may alias another product's input.
  const Num x2 = a2, y2 = b2;
  mul2(out0, a0, b0, m, out1, a1, b1, m);
  mul(out2, x2, y2, m);
}

void add(Num& out, const Num& a, const Num& b) { add_impl(out, a, b); }

namespace {

PG_IFMA void scale_impl(Num& out, const Num& a, std::uint64_t c) {
  __m512i v[kVecs];
  const __m512i cv = _mm512_set1_epi64(static_cast<long long>(c));
  load(v, a);
  // Digits below 2^52 times c below 2^11: each lane stays below 2^63 before carrying.
  for (int j = 0; j < kVecs; ++j) v[j] = _mm512_mullox_epi64(v[j], cv);
  normalize(v);
  store(out, v);
}

}  // namespace

void mul_small(Num& out, const Num& a, long c, const Modulus& m) {
  const std::uint64_t mag = c < 0 ? static_cast<std::uint64_t>(-c) : static_cast<std::uint64_t>(c);
  if (mag >= (1u << 11)) throw std::invalid_argument("ifma::mul_small: constant too large");
  scale_impl(out, a, mag);
  if (c < 0) {
    // −|c|·a ≡ 4|c|·n − |c|·a, non-negative because a < 4n.
    Num multiple;
    scale_impl(multiple, m.n, 4 * mag);
    Num diff;
    for (int i = 0; i < kDigits; ++i) diff.d[i] = multiple.d[i] - out.d[i];
    out = diff;
    normalize_scalar(out);
  }
}
void sub(Num& out, const Num& a, const Num& b, const Modulus& m) { sub_impl(out, a, b, m); }
void twice(Num& out, const Num& a) { twice_impl(out, a); }
void half(Num& out, const Num& a, const Modulus& m) { half_impl(out, a, m); }

Mpz residue(const Num& mont, const Modulus& m) {
  Num plain_one{};
  plain_one.d[0] = 1;
  Num r;
  mul(r, mont, plain_one, m);
  Mpz v = from_digits(r);
  if (mpz_cmp(v, m.value) >= 0) mpz_sub(v, v, m.value);
  return v;
}

namespace {

bool plus_minus_one(const Num& x, const Modulus& m) {
  const Mpz r = residue(x, m);
  if (mpz_cmp_ui(r.get(), 1) == 0) return true;
  Mpz t;
  mpz_add_ui(t, r, 1);
  return mpz_cmp(t, m.value) == 0;
}

}  // namespace

bool sprp2(const Modulus& m) {
  Mpz e;
  mpz_sub_ui(e, m.value, 1);
  mpz_fdiv_q_2exp(e, e, 1);
  Num x;
  twice(x, m.one);  // Montgomery form of 2
  for (std::size_t i = e.bits() - 1; i-- > 0;) {
    mul(x, x, x, m);
    if (mpz_tstbit(e, i)) twice(x, x);
  }
  return plus_minus_one(x, m);
}

void sprp2_pair(const Modulus& m0, bool& ok0, const Modulus& m1, bool& ok1) {
  Mpz e0, e1;
  mpz_sub_ui(e0, m0.value, 1);
  mpz_fdiv_q_2exp(e0, e0, 1);
  mpz_sub_ui(e1, m1.value, 1);
  mpz_fdiv_q_2exp(e1, e1, 1);
  if (e0.bits() != e1.bits()) {
    ok0 = sprp2(m0);
    ok1 = sprp2(m1);
    return;
  }
  Num x0, x1;
  twice(x0, m0.one);
  twice(x1, m1.one);
  for (std::size_t i = e0.bits() - 1; i-- > 0;) {
    mul2(x0, x0, x0, m0, x1, x1, x1, m1);
    if (mpz_tstbit(e0, i)) twice(x0, x0);
    if (mpz_tstbit(e1, i)) twice(x1, x1);
  }
  ok0 = plus_minus_one(x0, m0);
  ok1 = plus_minus_one(x1, m1);
}

}  // namespace proofgrid::vdf::ifma

#pragma GCC diagnostic pop
