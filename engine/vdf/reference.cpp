#include "engine/vdf/reference.hpp"

#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/hash_prime.hpp"

namespace proofgrid::vdf {
namespace {

// floor(2^T / ℓ) and 2^T mod ℓ.
void divide_power_of_two(std::uint32_t difficulty, const Mpz& ell, Mpz& q, Mpz& r) {
  Mpz p;
  mpz_setbit(p, difficulty);
  mpz_fdiv_qr(q, r, p, ell);
}

}  // namespace

Output solve_reference(ByteView challenge, std::uint32_t difficulty) {
  return solve_reference(create_discriminant_reference(challenge), difficulty);
}

Output solve_reference(const Mpz& d, std::uint32_t difficulty) {
  const Form x = generator_form(d);
  Form y = x;
  for (std::uint32_t i = 0; i < difficulty; ++i) y = square_reference(y);
  const EncodedForm xb = encode_form(x), yb = encode_form(y);
  const Mpz ell = to_mpz(hash_prime(xb, yb, difficulty));
  Mpz q, r;
  divide_power_of_two(difficulty, ell, q, r);
  const EncodedForm pb = encode_form(pow_reference(x, q, d));
  Output out;
  std::copy(yb.begin(), yb.end(), out.begin());
  std::copy(pb.begin(), pb.end(), out.begin() + kFormSize);
  return out;
}

bool verify_reference(ByteView challenge, std::uint32_t difficulty, ByteView output) noexcept {
  try {
    if (output.size() != kOutputSize) return false;
    return verify_reference(create_discriminant_reference(challenge), difficulty, output);
  } catch (...) {
    return false;
  }
}

bool verify_reference(const Mpz& d, std::uint32_t difficulty, ByteView output) noexcept {
  try {
    if (output.size() != kOutputSize) return false;
    const Form x = generator_form(d);
    const auto y = decode_form(output.first(kFormSize), d);
    auto proof = decode_form(output.subspan(kFormSize), d);
    if (!y || !proof || !is_reduced(*y)) return false;
    reduce(*proof);
    const Mpz ell = to_mpz(hash_prime(encode_form(x), encode_form(*y), difficulty));
    Mpz r, two(2), t(static_cast<long>(difficulty));
    mpz_powm(r, two, t, ell);
    const Form lhs =
        compose_reference(pow_reference(*proof, ell, d), pow_reference(x, r, d), d);
    return lhs == *y;
  } catch (...) {
    return false;
  }
}

}  // namespace proofgrid::vdf
