// G1: group law, endomorphism and GLV, subgroup membership, and the 74-byte codec including
// every kind of malformed input.
#include <catch2/catch.hpp>

#include "engine/kzg/g1_codec.hpp"
#include "engine/kzg/glv.hpp"
#include "tests/support/paths.hpp"
#include "tests/unit/kzg/test_helpers.hpp"

namespace proofgrid::kzg {
namespace {

using test::Mpz;

// A curve point that is (almost surely) outside G1: a random x with x^3 + 1 square.
G1Affine random_curve_point(std::mt19937_64& rng) {
  for (;;) {
    const Fp x = test::random_field<Fp>(rng);
    if (auto y = sqrt(square(x) * x + field_one<Fp>())) return G1Affine{x, *y, false};
  }
}

Scalar lambda_scalar() {
  // lambda = -u^8 mod r = r - u^8.
  Mpz r, u8;
  test::set_mpz(r, kGroupOrder);
  test::set_mpz(u8, glv_u8());
  mpz_sub(r.v, r.v, u8.v);
  return test::from_mpz<Fr::kLimbs>(r);
}

TEST_CASE("generator is on the curve, in G1, and has order r", "[kzg][g1]") {
  const G1Affine& g = g1_generator();
  CHECK(on_curve(g));
  CHECK(in_subgroup(g));
  CHECK(is_infinity(test::naive_mul(g, kGroupOrder)));
  Scalar r_minus_1 = kGroupOrder;
  r_minus_1[0] -= 1;
  CHECK(equal(to_affine(scalar_mul(g, r_minus_1)), neg(g)));
}

TEST_CASE("group law: doubling, addition and special cases agree", "[kzg][g1]") {
  const G1Affine& g = g1_generator();
  const G1Jacobian gj = to_jacobian(g);
  const G1Jacobian g2 = dbl(gj);
  CHECK(equal(add(gj, gj), g2));
  CHECK(equal(add_mixed(gj, g), g2));
  CHECK(is_infinity(add_mixed(gj, neg(g))));
  CHECK(is_infinity(add(gj, neg(gj))));
  const G1Jacobian g3 = add(g2, gj);
  CHECK(equal(add_mixed(g2, g), g3));
  CHECK(equal(add(gj, g2), g3));
  CHECK(equal(add(G1Jacobian{}, g3), g3));
  CHECK(equal(to_jacobian(to_affine(g3)), g3));
  std::vector<G1Jacobian> js{g2, G1Jacobian{}, g3};
  std::vector<G1Affine> as(3);
  batch_to_affine(js, as);
  CHECK(equal(as[0], to_affine(g2)));
  CHECK(as[1].infinity);
  CHECK(equal(as[2], to_affine(g3)));
}

TEST_CASE("scalar multiplication matches double-and-add", "[kzg][g1]") {
  std::mt19937_64 rng(11);
  const G1Affine& g = g1_generator();
  for (int i = 0; i < 5; ++i) {
    Scalar k = test::random_scalar_below_r(rng);
    CHECK(equal(scalar_mul(g, k), test::naive_mul(g, k)));
  }
  Scalar wide;
  for (auto& w : wide) w = rng();  // above r: still k*P as an integer multiple
  CHECK(equal(scalar_mul(g, wide), test::naive_mul(g, wide)));
  CHECK(is_infinity(scalar_mul(g, Scalar{})));
}

TEST_CASE("endomorphism phi acts as lambda = -u^8 on G1", "[kzg][g1][glv]") {
  const Fp& beta = g1_beta();
  CHECK(square(beta) * beta == field_one<Fp>());
  CHECK(!(beta == field_one<Fp>()));
  const G1Affine& g = g1_generator();
  CHECK(equal(endomorphism(g), to_affine(scalar_mul(g, lambda_scalar()))));
  std::mt19937_64 rng(12);
  const G1Affine p = to_affine(scalar_mul(g, test::random_scalar_below_r(rng)));
  CHECK(equal(endomorphism(p), to_affine(scalar_mul(p, lambda_scalar()))));
}

TEST_CASE("GLV split: k = k1 + k2*u^8 with halves below 2^259", "[kzg][glv]") {
  std::mt19937_64 rng(13);
  Mpz u8;
  test::set_mpz(u8, glv_u8());
  CHECK(mpz_sizeinbase(u8.v, 2) == kGlvBits);
  const G1Affine& g = g1_generator();
  for (int i = 0; i < 200; ++i) {
    const Scalar k = test::random_scalar_below_r(rng);
    const GlvSplit s = glv_split(k);
    CHECK(limbs_less(s.k1, glv_u8()));
    CHECK(limbs_less(s.k2, glv_u8()));
    Mpz k1, k2, sum, expect;
    test::set_mpz(k1, s.k1);
    test::set_mpz(k2, s.k2);
    mpz_mul(sum.v, k2.v, u8.v);
    mpz_add(sum.v, sum.v, k1.v);
    test::set_mpz(expect, k);
    REQUIRE(mpz_cmp(sum.v, expect.v) == 0);
    if (i < 3) {
      Scalar k1s{}, k2s{};
      std::copy(s.k1.begin(), s.k1.end(), k1s.begin());
      std::copy(s.k2.begin(), s.k2.end(), k2s.begin());
      const G1Jacobian lhs = scalar_mul(g, k);
      const G1Jacobian rhs = add(scalar_mul(g, k1s), scalar_mul(neg(endomorphism(g)), k2s));
      CHECK(equal(lhs, rhs));
    }
  }
  Scalar r_minus_1 = kGroupOrder;
  r_minus_1[0] -= 1;
  CHECK_NOTHROW(glv_split(r_minus_1));
  CHECK_THROWS_AS(glv_split(kGroupOrder), std::invalid_argument);
}

TEST_CASE("subgroup check rejects cofactor components", "[kzg][g1]") {
  std::mt19937_64 rng(14);
  for (int i = 0; i < 4; ++i) {
    const G1Affine p = random_curve_point(rng);
    REQUIRE(on_curve(p));
    CHECK_FALSE(in_subgroup(p));
    // Clearing the cofactor h = (u-1)^2/3 lands in G1.
    Scalar h{};
    h[0] = 0x85555841aaaec4acULL;
    const G1Affine cleared = to_affine(scalar_mul(p, h));
    CHECK(in_subgroup(cleared));
    CHECK(is_infinity(test::naive_mul(cleared, kGroupOrder)));
  }
  // The order-3 points (0, +-1) are not in G1.
  CHECK_FALSE(in_subgroup(G1Affine{field_zero<Fp>(), field_one<Fp>(), false}));
}

TEST_CASE("codec round-trips every point of the ceremony excerpt", "[kzg][codec]") {
  const auto srs = proofgrid::test::load_json(proofgrid::test::shared_dir() / "srs/quilibrium-ceremony-excerpt-n256.json");
  const auto& powers = srs.at("powersOfTau").at("G1Powers");
  REQUIRE(powers.size() == 257);
  for (std::size_t i = 0; i < powers.size(); i += 16) {
    const Bytes b = from_hex(powers[i].get<std::string>());
    const G1Affine p = decompress(b);
    CHECK(on_curve(p));
    CHECK(compress_bytes(p) == b);
  }
  const G1Affine g0 = decompress(from_hex(powers[0].get<std::string>()));
  CHECK(equal(g0, g1_generator()));
}

TEST_CASE("codec: infinity encoding and malformed points", "[kzg][codec]") {
  using R = PointError::Reason;
  const G1Bytes inf = compress(G1Affine{});
  CHECK(inf[0] == 0x03);
  CHECK(std::all_of(inf.begin() + 1, inf.end(), [](std::uint8_t b) { return b == 0; }));
  CHECK(decompress(inf).infinity);
  G1Bytes inf02 = inf;
  inf02[0] = 0x02;
  CHECK(decompress(inf02).infinity);

  auto reason_of = [](ByteView b) {
    try {
      decompress(b);
    } catch (const PointError& e) {
      return e.reason();
    }
    FAIL("decompress accepted a malformed point");
    return R::kLength;
  };
  const G1Bytes g = compress(g1_generator());
  G1Bytes bad = g;
  bad[0] = 0x04;
  CHECK(reason_of(bad) == R::kPrefix);
  CHECK_THROWS_WITH(decompress(bad), Catch::Contains("0x04") && Catch::Contains("0x02 or 0x03"));
  CHECK(reason_of(ByteView(g.data(), 73)) == R::kLength);
  // x = p.
  G1Bytes big{};
  big[0] = 0x02;
  limbs_to_be(FieldParams<Fp>::kModulus, big.data() + 1, 73);
  CHECK(reason_of(big) == R::kRange);
  // x with x^3 + 1 a non-square.
  std::mt19937_64 rng(15);
  for (;;) {
    const Fp x = test::random_field<Fp>(rng);
    if (sqrt(square(x) * x + field_one<Fp>())) continue;
    G1Bytes off{};
    off[0] = 0x02;
    to_bytes73(x, off.data() + 1);
    CHECK(reason_of(off) == R::kNotOnCurve);
    break;
  }
  // On the curve, outside G1; accepted only when the caller waives the subgroup check.
  const G1Affine outside = random_curve_point(rng);
  const G1Bytes ob = compress(outside);
  CHECK(reason_of(ob) == R::kNotInSubgroup);
  CHECK(equal(decompress(ob, SubgroupCheck::kNo), outside));
  // Flipping the parity byte gives the negated point.
  G1Bytes flipped = g;
  flipped[0] ^= 1U;
  CHECK(equal(decompress(flipped), neg(g1_generator())));
}

}  // namespace
}  // namespace proofgrid::kzg
