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

// The Lucas engine on the IFMA Montgomery arithmetic (values are Montgomery residues).
class IfmaEngine {
 public:
  using Value = ifma::Num;
  explicit IfmaEngine(const ifma::Modulus& m) : m_(m) {}
  Value from_int(long x) const {
    Mpz v(x);
    mpz_mod(v, v, m_.value);
    Value plain, out;
    ifma::to_digits(plain, v);
    ifma::mul(out, plain, m_.r2, m_);
    return out;
  }
  Value mul(const Value& a, const Value& b) const {
    Value out;
    ifma::mul(out, a, b, m_);
    return out;
  }
  Value add(const Value& a, const Value& b) const {
    Value out;
    ifma::add(out, a, b);
    return out;
  }
  Value mul_small(const Value& a, long c) const {
    Value out;
    ifma::mul_small(out, a, c, m_);
    return out;
  }
  // The Lucas ladder subtracts 2Q^j < 8|Q|·n from a product: within sub's 2^10·n margin.
  Value sub(const Value& a, const Value& b) const {
    Value out;
    ifma::sub(out, a, b, m_);
    return out;
  }
  Value half(const Value& a) const {
    Value out;
    ifma::half(out, a, m_);
    return out;
  }
  bool is_zero(const Value& a) const { return ifma::residue(a, m_).sign() == 0; }
  void mul3(Value& o0, const Value& a0, const Value& b0, Value& o1, const Value& a1, const Value& b1,
            Value& o2, const Value& a2, const Value& b2) const {
    ifma::mul3(o0, a0, b0, o1, a1, b1, o2, a2, b2, m_);
  }

 private:
  const ifma::Modulus& m_;
};

bool in_fast_range(const Mpz& n) {
  const std::size_t bits = n.bits();
  return bits >= 2041 && bits <= 2048 && mpz_odd_p(n.get()) && fast_primality_available();
}

// The Lucas half of BPSW for a candidate that passed the base-2 test.
bool lucas_half(const ifma::Modulus& m) {
  const long d = selfridge_d(m.value);
  if (d == 0) return false;
  if (d > 64 || d < -64) {  // beyond the IFMA engine's small-constant bounds (never seen)
    MpzEngine e(m.value);
    return strong_lucas(e, m.value, d);
  }
  IfmaEngine e(m);
  return strong_lucas(e, m.value, d);
}

// Only numbers ≡ 3 (mod 4) take the fast path: there the base-2 test is one power.
bool fast_candidate(const Mpz& n) { return in_fast_range(n) && mpz_fdiv_ui(n, 4) == 3; }

}  // namespace

bool fast_primality_available() { return ifma::supported(); }

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

bool is_probable_prime(const Mpz& n) {
  if (!fast_candidate(n)) return mpz_probab_prime_p(n, 1) != 0;
  ifma::Modulus m;
  ifma::setup(m, n);
  return ifma::sprp2(m) && lucas_half(m);
}

std::size_t first_probable_prime(std::span<const Mpz> candidates) {
  std::size_t i = 0;
  ifma::Modulus m[ifma::kBatchLanes];
  while (i < candidates.size()) {
    // The next run of fast-path candidates, up to a batch.
    std::size_t count = 0;
    while (count < ifma::kBatchLanes && i + count < candidates.size() && fast_candidate(candidates[i + count]))
      ++count;
    if (count >= 2 && ifma::batch_supported()) {
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
    } else if (count >= 2) {
      ifma::setup(m[0], candidates[i]);
      ifma::setup(m[1], candidates[i + 1]);
      bool ok0 = false, ok1 = false;
      ifma::sprp2_pair(m[0], ok0, m[1], ok1);
      if (ok0 && lucas_half(m[0])) return i;
      if (ok1 && lucas_half(m[1])) return i + 1;
      i += 2;
    } else {
      if (is_probable_prime(candidates[i])) return i;
      ++i;
    }
  }
  return candidates.size();
}

}  // namespace proofgrid::vdf
