#include "engine/vdf/encoding.hpp"

#include <algorithm>
#include <stdexcept>

namespace proofgrid::vdf {

void encode_field(const Mpz& v, std::uint8_t* out) {
  // Two's complement of a negative v is 2^1032 − |v|: write |v| − 1 and invert every byte.
  Mpz mag;
  mpz_abs(mag, v);
  if (v.sign() < 0) mpz_sub_ui(mag, mag, 1);
  if (mag.bits() > 8 * kFieldSize - 1)
    throw std::range_error("form coefficient does not fit a 129-byte field");
  std::fill(out, out + kFieldSize, 0);
  std::size_t count = 0;
  std::uint8_t tmp[kFieldSize];
  mpz_export(tmp, &count, 1, 1, 1, 0, mag);
  std::copy(tmp, tmp + count, out + kFieldSize - count);
  if (v.sign() < 0) {
    for (std::size_t i = 0; i < kFieldSize; ++i) out[i] = static_cast<std::uint8_t>(~out[i]);
  }
}

Mpz decode_field(const std::uint8_t* in) {
  if ((in[0] & 0x80) == 0) return mpz_from_be(in, kFieldSize);
  std::uint8_t tmp[kFieldSize];
  for (std::size_t i = 0; i < kFieldSize; ++i) tmp[i] = static_cast<std::uint8_t>(~in[i]);
  Mpz v = mpz_from_be(tmp, kFieldSize);
  mpz_add_ui(v, v, 1);
  mpz_neg(v, v);
  return v;
}

EncodedForm encode_form(const Form& f) {
  EncodedForm out;
  encode_field(f.a, out.data());
  encode_field(f.b, out.data() + kFieldSize);
  return out;
}

std::optional<Form> decode_form(ByteView bytes, const Mpz& d) {
  if (bytes.size() != kFormSize) return std::nullopt;
  Form f{decode_field(bytes.data()), decode_field(bytes.data() + kFieldSize), Mpz()};
  if (f.a.sign() <= 0) return std::nullopt;
  Mpz num, den;
  mpz_mul(num, f.b, f.b);
  mpz_sub(num, num, d);
  mpz_mul_2exp(den, f.a, 2);
  if (!mpz_divisible_p(num, den)) return std::nullopt;
  mpz_divexact(f.c, num, den);
  return f;
}

}  // namespace proofgrid::vdf
