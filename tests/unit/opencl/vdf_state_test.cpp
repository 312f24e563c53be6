// Host side of the VDF kernel, no device: the chain's start and the 258-byte encodings of
// forms (VDF spec 5), negative b included.
#include "backends/opencl/vdf_state.hpp"

#include <gmpxx.h>

#include <catch2/catch.hpp>

#include "tests/support/paths.hpp"
#include "tests/unit/opencl/bls_oracle.hpp"
#include "tests/unit/opencl/form_oracle.hpp"

namespace proofgrid::test {
namespace {

namespace vs = opencl::vdf_state;

vs::Bn to_bn(const mpz_class& v) {
  vs::Bn out;
  std::size_t count = 0;
  mpz_export(out.d.data(), &count, -1, 4, 0, 0, v.get_mpz_t());
  out.n = static_cast<std::int32_t>(count);
  out.neg = v < 0;
  return out;
}

mpz_class from_bn(const vs::Bn& b) {
  mpz_class v = 0;
  for (int i = b.n; i-- > 0;) v = (v << 32) + b.d[static_cast<std::size_t>(i)];
  return b.neg ? mpz_class(-v) : v;
}

}  // namespace

TEST_CASE("VDF forms encode as 129-byte two's complement halves", "[opencl][vdf-host]") {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(3);
  CHECK(to_hex(vs::encode_generator()) == to_hex(forms::encode({2, 1, 0})));
  for (int trial = 0; trial < 50; ++trial) {
    const mpz_class a = rng.get_z_bits(1 + trial * 20) + 1;
    mpz_class b = rng.get_z_range(a);
    if (trial % 2) b = -b;
    CHECK(to_hex(vs::encode_form(to_bn(a), to_bn(b))) == to_hex(forms::encode({a, b, 0})));
    vs::Checkpoint c;
    const vs::Bn ab = to_bn(a), bb = to_bn(b);
    c.a_n = ab.n;
    c.b_n = bb.n;
    c.b_neg = bb.neg;
    std::copy_n(ab.d.begin(), ab.n, c.a.begin());
    std::copy_n(bb.d.begin(), bb.n, c.b.begin());
    CHECK(vs::encode_checkpoint(c) == vs::encode_form(ab, bb));
  }
}

TEST_CASE("VDF chains start at the generator with NUDUPL's bound", "[opencl][vdf-host]") {
  const auto vectors = load_json(shared_dir() / "vectors" / "vdf_wesolowski_2048.json");
  const mpz_class d =
      -mpz_class(vectors.at("intermediates")[0].at("discriminant_dec").get<std::string>(), 10);
  const vs::Start s = vs::chain_start(bls::to_be(d, 256));
  CHECK(from_bn(s.form.a) == 2);
  CHECK(from_bn(s.form.b) == 1);
  CHECK(from_bn(s.form.c) == (d + 1) / 8);
  mpz_class l;
  mpz_root(l.get_mpz_t(), mpz_class(d / 4).get_mpz_t(), 4);
  CHECK(from_bn(s.params.bound) == l);
  CHECK(from_bn(s.params.d_mag) == d);
  CHECK_THROWS_WITH(vs::chain_start(bls::to_be(d + 2, 256)), Catch::Contains("7 (mod 8)"));
  CHECK_THROWS_AS(vs::chain_start(bls::to_be((mpz_class(1) << 2048) + 7, 257)),
                  std::invalid_argument);
  CHECK_THROWS_AS(vs::chain_start({}), std::invalid_argument);
}

}  // namespace proofgrid::test
