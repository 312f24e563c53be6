#pragma once
// GMP integers with automatic cleanup, and conversion to and from little-endian limb arrays:
// the few places that need big-integer division, inversion or exponent arithmetic use these.
#include <gmp.h>

#include <stdexcept>

#include "engine/kzg/limbs.hpp"

namespace proofgrid::kzg {

struct Mpz {
  mpz_t v;

  Mpz() { mpz_init(v); }
  template <std::size_t N>
  explicit Mpz(const Limbs<N>& x) {
    mpz_init(v);
    set(x);
  }
  ~Mpz() { mpz_clear(v); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;

  template <std::size_t N>
  void set(const Limbs<N>& x) {
    mpz_import(v, N, -1, sizeof(std::uint64_t), 0, 0, x.data());
  }
  // The value as N limbs; throws std::logic_error when it does not fit (or is negative).
  template <std::size_t N>
  Limbs<N> limbs() const {
    if (mpz_sgn(v) < 0 || mpz_sizeinbase(v, 2) > 64 * N) throw std::logic_error("integer does not fit its limbs");
    Limbs<N> out{};
    std::size_t count = 0;
    mpz_export(out.data(), &count, -1, sizeof(std::uint64_t), 0, 0, v);
    return out;
  }
};

}  // namespace proofgrid::kzg
