#include "engine/vdf/primality.hpp"

#include "engine/vdf/ifma2048.hpp"
#include "engine/vdf/ifma_batch.hpp"
#include "engine/vdf/lucas.hpp"

namespace proofgrid::vdf {

long selfridge_d(const Mpz& n) {
  for (long d = 5;; d = d > 0 ? -(d + 2) : -d + 2) {
    const int j = mpz_si_kronecker(d, n);
    if (j == -1) return d;
    if (j == 0) return 0;  // gcd(|d|, n) > 1
    // A square never gives −1; check once the search is longer than it ever is otherwise.
    if (d == 21 && mpz_perfect_square_p(n.get())) return 0;
  }
}

namespace {

bool in_fast_range(const Mpz& n, Isa isa) {
  const std::size_t bits = n.bits();
  return bits >= 2041 && bits <= 2048 && mpz_odd_p(n.get()) && fast_primality_available(isa);
}

// The strong Lucas test by the three-squaring ladder of ifma_batch: U_k, U_(k+1) there, then
// V_k = 2·U_(k+1) − P·U_k and 4·Q^k = V_k² − D·U_k² here, and the usual tail.
bool lucas_by_squarings(const ifma::Modulus& m, long d) {
  const Mpz& n = m.value;
  Mpz k, u, u1;
  const unsigned s = lucas_split(n, k);
  ifma::lucas_u_pair(m, k, (1 - d) / 4, u, u1);
  MpzEngine e(n);
  const Mpz v = e.sub(e.add(u1, u1), u);
  const Mpz qk = e.half(e.half(e.sub(e.mul(v, v), e.mul_small(e.mul(u, u), d))));
  return strong_lucas_tail(e, u, v, qk, s);
}

// The Lucas half of BPSW for a candidate that passed the base-2 test.
bool lucas_half(const ifma::Modulus& m) {
  const long d = selfridge_d(m.value);
  if (d == 0) return false;
  if (d > 64 || d < -64) {  // beyond the ladder's small-constant bounds (never seen)
    MpzEngine e(m.value);
    return strong_lucas(e, m.value, d);
  }
  return lucas_by_squarings(m, d);
}

// Only numbers ≡ 3 (mod 4) take the fast path: there the base-2 test is one power.
bool fast_candidate(const Mpz& n, Isa isa) { return in_fast_range(n, isa) && mpz_fdiv_ui(n, 4) == 3; }

}  // namespace

bool fast_primality_available(Isa isa) {
  require_isa(isa, "vdf primality");
  return isa == Isa::kAvx512Ifma && ifma::batch_supported();
}

bool bpsw_reference(const Mpz& n) {
  if (mpz_cmp_ui(n.get(), 100) < 0) return mpz_probab_prime_p(n, 1) != 0;
  if (mpz_even_p(n.get())) return false;
  // Strong probable prime to base 2.
  Mpz d, x, nm1;
  mpz_sub_ui(nm1, n, 1);
  const auto s = static_cast<unsigned>(mpz_scan1(nm1, 0));
  mpz_fdiv_q_2exp(d, nm1, s);
  mpz_powm(x, Mpz(2), d, n);
  bool sprp = mpz_cmp_ui(x.get(), 1) == 0 || mpz_cmp(x, nm1) == 0;
  for (unsigned r = 1; r < s && !sprp; ++r) {
    mpz_powm_ui(x, x, 2, n);
    sprp = mpz_cmp(x, nm1) == 0;
  }
  if (!sprp) return false;
  const long dd = selfridge_d(n);
  if (dd == 0) return false;
  MpzEngine e(n);
  return strong_lucas(e, n, dd);
}

bool strong_lucas_probable_prime(const Mpz& n, Isa isa) {
  if (in_fast_range(n, isa)) {
    ifma::Modulus m;
    ifma::setup(m, n);
    return lucas_half(m);
  }
  const long d = selfridge_d(n);
  if (d == 0) return false;
  MpzEngine e(n);
  return strong_lucas(e, n, d);
}

bool is_probable_prime(const Mpz& n, Isa isa) {
  if (!fast_candidate(n, isa)) return mpz_probab_prime_p(n, 1) != 0;
  ifma::Modulus m;
  ifma::setup(m, n);
  return ifma::sprp2(m) && lucas_half(m);
}

std::size_t first_probable_prime(std::span<const Mpz> candidates, Isa isa) {
  std::size_t i = 0;
  ifma::Modulus m[ifma::kBatchLanes];
  while (i < candidates.size()) {
    // The next run of fast-path candidates, up to a batch; a lone one is cheaper on its own.
    std::size_t count = 0;
    while (count < ifma::kBatchLanes && i + count < candidates.size() && fast_candidate(candidates[i + count], isa))
      ++count;
    if (count < 2) {
      if (is_probable_prime(candidates[i], isa)) return i;
      ++i;
      continue;
    }
    const ifma::Modulus* moduli[ifma::kBatchLanes];
    bool ok[ifma::kBatchLanes];
    for (std::size_t j = 0; j < count; ++j) {
      ifma::setup(m[j], candidates[i + j]);
      moduli[j] = &m[j];
    }
    ifma::sprp2_batch(moduli, count, ok);
    for (std::size_t j = 0; j < count; ++j)
      if (ok[j] && lucas_half(m[j])) return i + j;
    i += count;
  }
  return candidates.size();
}

}  // namespace proofgrid::vdf
