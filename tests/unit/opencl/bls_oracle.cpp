#include "tests/unit/opencl/bls_oracle.hpp"

#include <stdexcept>

namespace proofgrid::test::bls {
namespace {

mpz_class hex(const char* h) { return mpz_class(h, 16); }

mpz_class mod(const mpz_class& a, const mpz_class& m) {
  mpz_class out = a % m;
  if (out < 0) out += m;
  return out;
}

mpz_class inverse(const mpz_class& a, const mpz_class& m) {
  mpz_class out;
  if (mpz_invert(out.get_mpz_t(), a.get_mpz_t(), m.get_mpz_t()) == 0)
    throw std::domain_error("not invertible");
  return out;
}

template <std::size_t N>
std::array<std::uint64_t, N> limbs_of(const mpz_class& v) {
  std::array<std::uint64_t, N> out{};
  mpz_class t = v;
  for (std::size_t i = 0; i < N; ++i) {
    mpz_class low = t & mpz_class("ffffffffffffffff", 16);
    out[i] = mpz_get_ui(low.get_mpz_t());
    t >>= 64;
  }
  if (t != 0) throw std::out_of_range("value does not fit the limbs");
  return out;
}

}  // namespace

const mpz_class& p() {
  static const mpz_class v =
      hex("1280f73ff3476f313824e31d47012a0056e84f8d122131bb3be6c0f1f3975444a48ae43af6e082acd9cd3039"
          "4f4736daf68367a5513170ee0a578fdf721a4a48ac3edc154e6565912b");
  return v;
}

const mpz_class& r() {
  static const mpz_class v =
      hex("2386f8a925e2885e233a9ccc1615c0d6c635387a3f0b3cbe003fad6bc972c2e6e741969d34c4c92016a85c7c"
          "d0562303c4ccbe599467c24da118a5fe6fcd671c01");
  return v;
}

mpz_class from_limbs(std::span<const std::uint64_t> limbs) {
  mpz_class v = 0;
  for (std::size_t i = limbs.size(); i-- > 0;) {
    v <<= 64;
    v += mpz_class(static_cast<unsigned long>(limbs[i]));
  }
  return v;
}

mpz_class from_be(ByteView bytes) {
  mpz_class v;
  if (bytes.empty()) return 0;
  mpz_import(v.get_mpz_t(), bytes.size(), 1, 1, 1, 0, bytes.data());
  return v;
}

Bytes to_be(const mpz_class& v, std::size_t len) {
  Bytes out(len, 0);
  std::size_t count = 0;
  Bytes tmp((mpz_sizeinbase(v.get_mpz_t(), 2) + 7) / 8 + 1);
  mpz_export(tmp.data(), &count, 1, 1, 1, 0, v.get_mpz_t());
  if (count > len) throw std::out_of_range("to_be: value too wide");
  std::copy(tmp.begin(), tmp.begin() + static_cast<std::ptrdiff_t>(count),
            out.begin() + static_cast<std::ptrdiff_t>(len - count));
  return out;
}

opencl::FpLimbs fp_mont(const mpz_class& x) { return {limbs_of<10>(mod(x << 640, p()))}; }
mpz_class fp_value(const opencl::FpLimbs& a) {
  return mod(from_limbs(a.limb) * inverse(mpz_class(1) << 640, p()), p());
}
opencl::FrLimbs fr_mont(const mpz_class& x) { return {limbs_of<9>(mod(x << 576, r()))}; }
mpz_class fr_value(const opencl::FrLimbs& a) {
  return mod(from_limbs(a.limb) * inverse(mpz_class(1) << 576, r()), r());
}
opencl::ScalarLimbs scalar_limbs(const mpz_class& x) { return {limbs_of<9>(x)}; }

const Point& generator() {
  static const Point g{
      hex("02af59b7ac340f2baf2b73df1e93f860de3f257e0e86868cf61abdbaedffb9f7544550546a9df6f9645847"
          "665d859236ebdbc57db368b11786cb74da5d3a1e6d8c3bce8732315af640"),
      hex("0cefda44f6531f91f86b3a2d1fb398a488a553c9efeb8a52e991279dd41b720ef7bb7beffb98aee53e80f6"
          "78584c3ef22f487f77c2876d1b2e35f37aef7b926b576dbb5de3e2587a70"),
      false};
  return g;
}

Point add(const Point& a, const Point& b) {
  if (a.infinity) return b;
  if (b.infinity) return a;
  mpz_class lambda;
  if (a.x == b.x) {
    if (mod(a.y + b.y, p()) == 0) return {};
    lambda = mod(3 * a.x * a.x * inverse(mod(2 * a.y, p()), p()), p());
  } else {
    lambda = mod((b.y - a.y) * inverse(mod(b.x - a.x, p()), p()), p());
  }
  Point out;
  out.infinity = false;
  out.x = mod(lambda * lambda - a.x - b.x, p());
  out.y = mod(lambda * (a.x - out.x) - a.y, p());
  return out;
}

Point negate(const Point& a) {
  if (a.infinity) return a;
  return {a.x, mod(-a.y, p()), false};
}

Point mul(const Point& a, const mpz_class& k) {
  Point acc;
  for (std::size_t bit = mpz_sizeinbase(k.get_mpz_t(), 2); bit-- > 0;) {
    acc = add(acc, acc);
    if (mpz_tstbit(k.get_mpz_t(), bit)) acc = add(acc, a);
  }
  return acc;
}

Bytes compress(const Point& a) {
  if (a.infinity) {
    Bytes out(74, 0);
    out[0] = 0x03;  // MIRACL's infinity: x = 0 with an odd y
    return out;
  }
  Bytes out{static_cast<std::uint8_t>(mpz_odd_p(a.y.get_mpz_t()) ? 0x03 : 0x02)};
  append(out, to_be(a.x, 73));
  return out;
}

Point decompress(ByteView b) {
  if (b.size() != 74 || (b[0] != 2 && b[0] != 3)) throw std::invalid_argument("bad G1 encoding");
  Point out;
  out.infinity = false;
  out.x = from_be(b.subspan(1));
  if (out.x >= p()) throw std::invalid_argument("x >= p");
  const mpz_class s = mod(out.x * out.x * out.x + 1, p());
  mpz_powm(out.y.get_mpz_t(), s.get_mpz_t(), mpz_class((p() + 1) / 4).get_mpz_t(), p().get_mpz_t());
  if (mod(out.y * out.y, p()) != s) throw std::invalid_argument("x not on the curve");
  if (static_cast<int>(mpz_odd_p(out.y.get_mpz_t()) != 0) != (b[0] & 1)) out.y = p() - out.y;
  return out;
}

opencl::G1AffineLimbs affine_limbs(const Point& a) {
  if (a.infinity) return {{}, {}, 1};
  return {fp_mont(a.x), fp_mont(a.y), 0};
}

Point from_jacobian(const opencl::G1JacobianLimbs& j) {
  const mpz_class z = fp_value(j.z);
  if (z == 0) return {};
  const mpz_class zi = inverse(z, p());
  return {mod(fp_value(j.x) * zi * zi, p()), mod(fp_value(j.y) * zi * zi * zi, p()), false};
}

}  // namespace proofgrid::test::bls
