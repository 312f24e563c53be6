#include "engine/kzg/field.hpp"

#include <stdexcept>
#include <string>

#include "engine/kzg/gmp_util.hpp"

namespace proofgrid::kzg {
namespace {

// x^-1 for a Montgomery element a = xR: GMP inverts the raw integer (giving x^-1 R^-1), and one
// Montgomery product with R^3 brings it back to x^-1 R.
template <MontField F>
F inverse_via_gmp(const F& a) {
  constexpr std::size_t N = F::kLimbs;
  if (is_zero(a)) return a;
  static const F r3 = [] {
    F r2;
    r2.limb = FieldParams<F>::kR2;
    return r2 * r2;
  }();
  Mpz x(a.limb), m(FieldParams<F>::kModulus), inv;
  if (mpz_invert(inv.v, x.v, m.v) == 0) throw std::logic_error("field inversion: element shares a factor with the modulus");
  F raw;
  raw.limb = inv.limbs<N>();
  return raw * r3;
}

template <MontField F>
F from_be_checked(ByteView bytes, const char* what) {
  Limbs<F::kLimbs> v;
  try {
    v = limbs_from_be<F::kLimbs>(bytes);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument(std::string(what) + " is wider than the field");
  }
  if (!limbs_less(v, FieldParams<F>::kModulus)) {
    throw std::invalid_argument(std::string(what) + " is not below the field modulus");
  }
  return from_canonical<F>(v);
}

}  // namespace

Fp inverse(const Fp& a) { return inverse_via_gmp(a); }
Fr inverse(const Fr& a) { return inverse_via_gmp(a); }

std::optional<Fp> sqrt(const Fp& a) {
  // (p+1)/4, spec §2.3.
  static constexpr Limbs<Fp::kLimbs> kExp = limbs_from_hex<Fp::kLimbs>(
      "0x4a03dcffcd1dbcc4e0938c751c04a8015ba13e344884c6ecef9b03c7ce5d5112922b90ebdb820ab36734c0e53d"
      "1cdb6bda0d9e9544c5c3b8295e3f7dc8692922b0fb705539959644b");
  const Fp y = pow(a, kExp);
  if (!(square(y) == a)) return std::nullopt;
  return y;
}

bool is_square(const Fp& a) { return sqrt(a).has_value(); }

void to_bytes73(const Fp& a, std::uint8_t* out) { limbs_to_be(to_canonical(a), out, kFieldBytes); }
void to_bytes73(const Fr& a, std::uint8_t* out) { limbs_to_be(to_canonical(a), out, kFieldBytes); }

Bytes to_bytes73(const Fr& a) {
  Bytes out(kFieldBytes);
  to_bytes73(a, out.data());
  return out;
}

Fp fp_from_be(ByteView bytes, const char* what) { return from_be_checked<Fp>(bytes, what); }
Fr fr_from_be(ByteView bytes, const char* what) { return from_be_checked<Fr>(bytes, what); }

Fr fr_reduce(const Scalar& wide) {
  // wide = hi * 2^512 + lo with lo < 2^512 < r and hi < 2^64: both parts are canonical, so the
  // reduction is lo + hi * (2^512 mod r), computed in the field.
  Limbs<Fr::kLimbs> lo = wide;
  lo[8] = 0;
  Limbs<Fr::kLimbs> hi{};
  hi[0] = wide[8];
  Limbs<Fr::kLimbs> two512{};
  two512[8] = 1;  // 2^512 < r: canonical
  static const Fr k2to512 = from_canonical<Fr>(two512);
  return from_canonical<Fr>(lo) + from_canonical<Fr>(hi) * k2to512;
}

}  // namespace proofgrid::kzg
