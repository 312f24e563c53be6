#pragma once
// A minimal owning wrapper around GMP's mpz_t: the reference path and the cold paths of the
// VDF (decoding, proofs' bookkeeping, discriminant setup) use it; the hot squaring loop does not.
#include <gmp.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace proofgrid::vdf {

class Mpz {
 public:
  Mpz() { mpz_init(v_); }
  explicit Mpz(long value) { mpz_init_set_si(v_, value); }
  // Parses a base-10 (or 0x-prefixed hex) integer; throws std::invalid_argument if malformed.
  explicit Mpz(const std::string& text);
  Mpz(const Mpz& o) { mpz_init_set(v_, o.v_); }
  Mpz(Mpz&& o) noexcept {
    mpz_init(v_);
    mpz_swap(v_, o.v_);
  }
  Mpz& operator=(const Mpz& o) {
    if (this != &o) mpz_set(v_, o.v_);
    return *this;
  }
  Mpz& operator=(Mpz&& o) noexcept {
    mpz_swap(v_, o.v_);
    return *this;
  }
  ~Mpz() { mpz_clear(v_); }

  mpz_ptr get() { return v_; }
  mpz_srcptr get() const { return v_; }
  operator mpz_ptr() { return v_; }             // NOLINT: lets GMP calls take an Mpz directly
  operator mpz_srcptr() const { return v_; }    // NOLINT

  int sign() const { return mpz_sgn(v_); }
  std::size_t bits() const { return mpz_sizeinbase(v_, 2); }
  std::string str(int base = 10) const;

  friend bool operator==(const Mpz& x, const Mpz& y) { return mpz_cmp(x.v_, y.v_) == 0; }
  friend bool operator==(const Mpz& x, long y) { return mpz_cmp_si(x.v_, y) == 0; }

 private:
  mpz_t v_;
};

// Unsigned big-endian bytes <-> Mpz.
Mpz mpz_from_be(const std::uint8_t* data, std::size_t len);

}  // namespace proofgrid::vdf
