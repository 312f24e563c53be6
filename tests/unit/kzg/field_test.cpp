// Fp and Fr: constants, both multiplication kernels against GMP, inversion, square roots and
// the 73-byte encoding.
#include <catch2/catch.hpp>

#include "engine/kzg/field.hpp"
#include "tests/unit/kzg/test_helpers.hpp"

namespace proofgrid::kzg {
namespace {

using test::Mpz;

template <MontField F>
void check_constants() {
  constexpr std::size_t N = F::kLimbs;
  Mpz m, R, got;
  test::set_mpz(m, FieldParams<F>::kModulus);
  mpz_set_ui(R.v, 1);
  mpz_mul_2exp(R.v, R.v, 64 * N);
  // R mod m and R^2 mod m.
  Mpz expect;
  mpz_mod(expect.v, R.v, m.v);
  test::set_mpz(got, FieldParams<F>::kOne);
  CHECK(mpz_cmp(expect.v, got.v) == 0);
  mpz_mul(expect.v, R.v, R.v);
  mpz_mod(expect.v, expect.v, m.v);
  test::set_mpz(got, FieldParams<F>::kR2);
  CHECK(mpz_cmp(expect.v, got.v) == 0);
  // inv * m = -1 mod 2^64.
  CHECK(FieldParams<F>::kInv * FieldParams<F>::kModulus[0] == ~std::uint64_t{0});
  CHECK(limbs_bit_length(FieldParams<F>::kModulus) == FieldParams<F>::kBits);
}

template <MontField F>
void check_arithmetic_against_gmp(bool adx) {
  const bool previous = mont_use_adx(adx);
  std::mt19937_64 rng(adx ? 7 : 8);
  Mpz m;
  test::set_mpz(m, FieldParams<F>::kModulus);
  for (int i = 0; i < 2000; ++i) {
    const F a = test::random_field<F>(rng), b = test::random_field<F>(rng);
    Mpz za, zb, z;
    test::set_mpz(za, to_canonical(a));
    test::set_mpz(zb, to_canonical(b));
    mpz_mul(z.v, za.v, zb.v);
    mpz_mod(z.v, z.v, m.v);
    REQUIRE(to_canonical(a * b) == test::from_mpz<F::kLimbs>(z));
    mpz_add(z.v, za.v, zb.v);
    mpz_mod(z.v, z.v, m.v);
    REQUIRE(to_canonical(a + b) == test::from_mpz<F::kLimbs>(z));
    mpz_sub(z.v, za.v, zb.v);
    mpz_mod(z.v, z.v, m.v);
    REQUIRE(to_canonical(a - b) == test::from_mpz<F::kLimbs>(z));
  }
  // Edge values: 0, 1, m - 1.
  Limbs<F::kLimbs> mm1 = FieldParams<F>::kModulus;
  mm1[0] -= 1;
  const F top = from_canonical<F>(mm1);
  CHECK(to_canonical(top * top) == to_canonical(field_one<F>()));
  CHECK(is_zero(top + field_one<F>()));
  CHECK(is_zero(field_zero<F>() * top));
  mont_use_adx(previous);
}

TEST_CASE("Montgomery constants match their definitions", "[kzg][field]") {
  check_constants<Fp>();
  check_constants<Fr>();
}

TEST_CASE("Fp and Fr arithmetic agrees with GMP (portable kernel)", "[kzg][field]") {
  check_arithmetic_against_gmp<Fp>(false);
  check_arithmetic_against_gmp<Fr>(false);
}

TEST_CASE("Fp and Fr arithmetic agrees with GMP (MULX/ADX kernel)", "[kzg][field]") {
  if (!mont_adx_available()) {
    WARN("CPU lacks BMI2/ADX: only the portable kernel runs here");
    return;
  }
  check_arithmetic_against_gmp<Fp>(true);
  check_arithmetic_against_gmp<Fr>(true);
}

TEST_CASE("inversion and batch inversion", "[kzg][field]") {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 50; ++i) {
    const Fp a = test::random_field<Fp>(rng);
    CHECK(a * inverse(a) == field_one<Fp>());
    const Fr b = test::random_field<Fr>(rng);
    CHECK(b * inverse(b) == field_one<Fr>());
  }
  CHECK(is_zero(inverse(field_zero<Fp>())));
  std::vector<Fp> v(9), copy;
  for (auto& x : v) x = test::random_field<Fp>(rng);
  v[4] = field_zero<Fp>();
  copy = v;
  std::vector<Fp> scratch;
  batch_inverse<Fp>(v, scratch);
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i == 4) CHECK(is_zero(v[i]));
    else CHECK(v[i] * copy[i] == field_one<Fp>());
  }
}

TEST_CASE("square roots in Fp", "[kzg][field]") {
  std::mt19937_64 rng(4);
  int non_squares = 0;
  for (int i = 0; i < 40; ++i) {
    const Fp a = test::random_field<Fp>(rng);
    const auto root = sqrt(square(a));
    REQUIRE(root);
    CHECK(square(*root) == square(a));
    if (!sqrt(a)) ++non_squares;
  }
  CHECK(non_squares > 0);  // about half of all elements are non-squares
  CHECK(!sqrt(-field_one<Fp>()));  // p = 3 mod 4
}

TEST_CASE("73-byte big-endian encoding", "[kzg][field]") {
  std::mt19937_64 rng(5);
  const Fr a = test::random_field<Fr>(rng);
  const Bytes enc = to_bytes73(a);
  REQUIRE(enc.size() == 73);
  CHECK(enc[0] == 0);  // r < 2^518: at least 8 leading zero bytes
  CHECK(fr_from_be(enc) == a);
  Bytes r_bytes(73);
  limbs_to_be(FieldParams<Fr>::kModulus, r_bytes.data(), 73);
  CHECK_THROWS_WITH(fr_from_be(r_bytes, "omega"), Catch::Contains("omega") && Catch::Contains("not below"));
  Bytes wide(80, 0xff);
  CHECK_THROWS_AS(fp_from_be(wide), std::invalid_argument);
}

TEST_CASE("reduction of wide integers mod r", "[kzg][field]") {
  Scalar all_ones;
  all_ones.fill(~std::uint64_t{0});
  Mpz z, m;
  test::set_mpz(z, all_ones);
  test::set_mpz(m, FieldParams<Fr>::kModulus);
  mpz_mod(z.v, z.v, m.v);
  CHECK(to_canonical(fr_reduce(all_ones)) == test::from_mpz<Fr::kLimbs>(z));
}

}  // namespace
}  // namespace proofgrid::kzg
