#include "backends/opencl/vdf_state.hpp"

#include <gmp.h>

#include <stdexcept>
#include <string>

namespace proofgrid::opencl::vdf_state {
namespace {

// RAII for one mpz_t (host-side set-up only; the chain itself runs on the device).
struct Mpz {
  mpz_t v;
  Mpz() { mpz_init(v); }
  ~Mpz() { mpz_clear(v); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
};

Bn to_bn(const mpz_t x) {
  Bn out;
  if (mpz_sizeinbase(x, 2) > 32 * kBnLimbs) throw std::invalid_argument("value too wide");
  std::size_t count = 0;
  mpz_export(out.d.data(), &count, -1, sizeof(std::uint32_t), 0, 0, x);
  out.n = static_cast<std::int32_t>(count);
  out.neg = mpz_sgn(x) < 0 ? 1 : 0;
  return out;
}

// 129-byte big-endian two's complement of (neg ? -1 : 1) * magnitude(limbs).
void append_tc129(Bytes& out, const std::uint32_t* limbs, int n, bool neg) {
  Bytes be(129, 0);
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < 4; ++k) {
      const auto byte = static_cast<std::uint8_t>(limbs[i] >> (8 * k));
      const int j = 4 * i + k;  // byte j counted from the least significant end
      if (j < 128)
        be[static_cast<std::size_t>(128 - j)] = byte;
      else if (byte)
        throw std::logic_error("form value over 1024 bits");
    }
  if (neg) {  // two's complement: invert and add one
    int carry = 1;
    for (std::size_t i = be.size(); i-- > 0;) {
      const int v = static_cast<std::uint8_t>(~be[i]) + carry;
      be[i] = static_cast<std::uint8_t>(v);
      carry = v >> 8;
    }
  }
  append(out, be);
}

}  // namespace

Start chain_start(ByteView discriminant) {
  Mpz d, c, l;
  if (!discriminant.empty()) mpz_import(d.v, discriminant.size(), 1, 1, 1, 0, discriminant.data());
  const std::size_t bits = mpz_sizeinbase(d.v, 2);
  if (mpz_sgn(d.v) == 0 || bits > 2048 || bits < 33 || mpz_fdiv_ui(d.v, 8) != 7)
    throw std::invalid_argument(
        "VDF discriminant magnitude must be 33..2048 bits and = 7 (mod 8) (D = 1 mod 8), got " +
        std::to_string(bits) + " bits");
  Start s;
  s.form.a.d[0] = 2;
  s.form.a.n = 1;
  s.form.b.d[0] = 1;
  s.form.b.n = 1;
  mpz_add_ui(c.v, d.v, 1);
  mpz_fdiv_q_2exp(c.v, c.v, 3);
  s.form.c = to_bn(c.v);
  mpz_fdiv_q_2exp(l.v, d.v, 2);
  mpz_root(l.v, l.v, 4);
  s.params.bound = to_bn(l.v);
  s.params.d_mag = to_bn(d.v);
  return s;
}

Bytes encode_form(const Bn& a, const Bn& b) {
  Bytes out;
  append_tc129(out, a.d.data(), a.n, a.neg != 0);
  append_tc129(out, b.d.data(), b.n, b.neg != 0);
  return out;
}

Bytes encode_checkpoint(const Checkpoint& c) {
  Bytes out;
  append_tc129(out, c.a.data(), c.a_n, false);
  append_tc129(out, c.b.data(), c.b_n, c.b_neg != 0);
  return out;
}

Bytes encode_generator() {
  Bn two, one;
  two.d[0] = 2;
  two.n = 1;
  one.d[0] = 1;
  one.n = 1;
  return encode_form(two, one);
}

}  // namespace proofgrid::opencl::vdf_state
