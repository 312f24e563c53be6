#pragma once
// Shared helpers for the KZG tests: random field elements and scalars, GMP conversions for
// independent cross-checks, and the shared SRS excerpt loaded once.
#include <random>
#include <string>

#include "engine/kzg/field.hpp"
#include "engine/kzg/g1.hpp"
#include "engine/kzg/gmp_util.hpp"

namespace proofgrid::kzg::test {

// Uniform-ish element below the modulus (rejection sampling on the top limb's bit width).
template <MontField F>
F random_field(std::mt19937_64& rng) {
  constexpr std::size_t N = F::kLimbs;
  constexpr auto& m = FieldParams<F>::kModulus;
  const unsigned top_bits = 64U - static_cast<unsigned>(__builtin_clzll(m[N - 1]));
  for (;;) {
    Limbs<N> x;
    for (auto& w : x) w = rng();
    x[N - 1] &= (1ULL << top_bits) - 1;
    if (limbs_less(x, m)) return from_canonical<F>(x);
  }
}

inline Scalar random_scalar_below_r(std::mt19937_64& rng) { return to_scalar(random_field<Fr>(rng)); }

// GMP cross-checks use the engine's RAII wrapper.
using proofgrid::kzg::Mpz;

template <std::size_t N>
void set_mpz(Mpz& z, const Limbs<N>& limbs) {
  z.set(limbs);
}

template <std::size_t N>
Limbs<N> from_mpz(const Mpz& z) {
  return z.limbs<N>();
}

// k * P by plain double-and-add over the bits of k: the naive reference for faster code.
inline G1Jacobian naive_mul(const G1Affine& p, const Scalar& k) {
  G1Jacobian acc;
  for (std::size_t bit = 64 * k.size(); bit-- > 0;) {
    acc = dbl(acc);
    if (limbs_bit(k, bit)) acc = add_mixed(acc, p);
  }
  return acc;
}

}  // namespace proofgrid::kzg::test

#include <memory>

#include "engine/kzg/srs.hpp"
#include "tests/support/paths.hpp"

namespace proofgrid::kzg::test {

inline std::filesystem::path excerpt_path() {
  return proofgrid::test::shared_dir() / "srs" / "quilibrium-ceremony-excerpt-n256.json";
}

// The shared ceremony excerpt, loaded once per test process.
inline const Srs& excerpt() {
  static const std::shared_ptr<const Srs> srs = Srs::load(excerpt_path());
  return *srs;
}

}  // namespace proofgrid::kzg::test
