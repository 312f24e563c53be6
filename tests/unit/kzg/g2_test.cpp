// The Fp8 tower and G2: the twist equation for the spec's points, the encoding of the
// ceremony's G2 powers, square roots at every level.
#include <catch2/catch.hpp>

#include "engine/kzg/g1_codec.hpp"
#include "engine/kzg/g2.hpp"
#include "tests/unit/kzg/test_helpers.hpp"

namespace proofgrid::kzg {
namespace {

template <class F>
F random_tower(std::mt19937_64& rng);
template <>
Fp random_tower<Fp>(std::mt19937_64& rng) {
  return test::random_field<Fp>(rng);
}
template <class F>
F random_tower(std::mt19937_64& rng) {
  using B = decltype(F::c0);
  return F{random_tower<B>(rng), random_tower<B>(rng)};
}

template <class F>
void check_level(std::mt19937_64& rng) {
  for (int i = 0; i < 4; ++i) {
    const F a = random_tower<F>(rng), b = random_tower<F>(rng), c = random_tower<F>(rng);
    CHECK(a * (b + c) == a * b + a * c);
    CHECK((a * b) * c == a * (b * c));
    CHECK(a * inverse(a) == tower_one<F>());
    const auto root = sqrt_tower(square(a));
    REQUIRE(root);
    CHECK(square(*root) == square(a));
    CHECK(is_square_tower(square(a)));
  }
}

TEST_CASE("Fp2, Fp4, Fp8: field laws, inverses and square roots", "[kzg][g2]") {
  std::mt19937_64 rng(60);
  check_level<Fp2>(rng);
  check_level<Fp4>(rng);
  check_level<Fp8>(rng);
  // The tower relations of spec §3.4.
  const Fp2 i{field_zero<Fp>(), field_one<Fp>()};
  CHECK(square(i) == -tower_one<Fp2>());
  const Fp4 v{Fp2{}, tower_one<Fp2>()};
  CHECK(square(v) == -Fp4{tower_one<Fp2>() + i, Fp2{}});
  const Fp8 w{Fp4{}, tower_one<Fp4>()};
  CHECK(square(w) == -Fp8{v, Fp4{}});
  CHECK(g2_b() * w == -tower_one<Fp8>());
}

TEST_CASE("G2: the generator and the ceremony's [tau]_2 lie on the twist, in G2", "[kzg][g2]") {
  const G2Affine& g = g2_generator();
  CHECK(on_curve(g));
  CHECK(in_subgroup(g));
  const Srs& srs = test::excerpt();
  REQUIRE(srs.g2_powers().size() >= 2);
  // Encoding of the generator is exactly G2Powers[0] of the ceremony.
  const G2Bytes g_enc = compress(g);
  CHECK(Bytes(g_enc.begin(), g_enc.end()) == srs.g2_powers()[0]);
  CHECK(equal(decompress_g2(srs.g2_powers()[0], false), g));
  const G2Affine tau = decompress_g2(srs.g2_powers()[1], true);
  CHECK(on_curve(tau));
  const G2Bytes tau_enc = compress(tau);
  CHECK(Bytes(tau_enc.begin(), tau_enc.end()) == srs.g2_powers()[1]);
  // Spec Appendix A: [tau]_2's x c7 and y c0.
  CHECK(to_hex(ByteView(srs.g2_powers()[1]).subspan(1, 73)) ==
        "02370a235f645ac554988c95e7a02fdbf128a0ae2250b7f6bd134e157852f4fab6519dfde0c796962b4bc352f1e70ae585dcd6a4234f3df513d3ec644e4b45329d28a7560ba4a2b4aa");
  Bytes y0(73);
  to_bytes73(coefficients(tau.y)[0], y0.data());
  CHECK(to_hex(y0) ==
        "0d90e4b2e873c16955ea85720728e69bab1496351b5f4d1f8ee78f32758f109c343e17a6d39668652c2ef3940f43888807a68a52abaf41079566f9707dc6626d5df5dfbed19ce5bbad");
}

TEST_CASE("G2: group law, scalar multiplication and malformed encodings", "[kzg][g2]") {
  const G2Affine& g = g2_generator();
  const G2Jacobian g2 = dbl(to_jacobian(g));
  CHECK(on_curve(to_affine(g2)));
  Scalar three{};
  three[0] = 3;
  CHECK(equal(to_affine(scalar_mul(g, three)), to_affine(add_mixed(g2, g))));
  CHECK(equal(to_affine(add(g2, to_jacobian(g))), to_affine(add_mixed(g2, g))));
  G2Bytes enc = compress(g);
  enc[0] = 0x05;
  CHECK_THROWS_AS(decompress_g2(enc, false), PointError);
  enc = compress(g);
  CHECK_THROWS_AS(decompress_g2(ByteView(enc.data(), 584), false), PointError);
  // Flipping the parity gives -G2.
  enc[0] ^= 1U;
  const G2Affine minus = decompress_g2(enc, false);
  CHECK(minus.x == g.x);
  CHECK(minus.y == -g.y);
}

}  // namespace
}  // namespace proofgrid::kzg
