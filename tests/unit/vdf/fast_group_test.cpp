// Every fast path of the group law against the plain reference (compose + reduce on mpz).
#include <catch2/catch.hpp>

#include <random>

#include "engine/common/hash.hpp"
#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/group.hpp"

using namespace proofgrid;
using namespace proofgrid::vdf;

namespace {

Mpz discriminant_of(const std::string& text) { return create_discriminant(sha3_256(as_bytes(text))); }

Mpz random_exponent(std::mt19937_64& rng, int bits) {
  Mpz e;
  for (int i = 0; i < bits; i += 32) {
    mpz_mul_2exp(e, e, 32);
    mpz_add_ui(e, e, static_cast<unsigned long>(rng() & 0xffffffffu));
  }
  return e;
}

// Forms with small and large first coefficients: x^1 .. x^24, then random powers.
std::vector<Form> sample_forms(const Mpz& d, std::mt19937_64& rng, int random_count) {
  std::vector<Form> out{identity_form(d)};
  const Form x = generator_form(d);
  Form f = x;
  for (int i = 1; i <= 24; ++i) {
    out.push_back(f);
    f = compose_reference(f, x, d);
  }
  for (int i = 0; i < random_count; ++i) out.push_back(pow_reference(x, random_exponent(rng, 64), d));
  return out;
}

// Follows a chain from `start` with NUDUPL and with the reference, comparing every step.
void compare_chain(const Mpz& d, const Form& start, int steps) {
  const GroupContext ctx(d);
  Form ref = start;
  FastForm fast;
  REQUIRE(to_fast(fast, ref));
  for (int i = 0; i < steps; ++i) {
    ref = square_reference(ref);
    REQUIRE(nudupl(fast, ctx));
    REQUIRE(from_fast(fast) == ref);
  }
}

}  // namespace

TEST_CASE("NUDUPL equals the reference along chains from the generator", "[vdf][nudupl]") {
  for (const char* text : {"nudupl-a", "nudupl-b", "nudupl-c"}) {
    INFO(text);
    const Mpz d = discriminant_of(text);
    compare_chain(d, generator_form(d), 1500);
  }
}

TEST_CASE("NUDUPL equals the reference from random forms", "[vdf][nudupl]") {
  std::mt19937_64 rng(7);
  const Mpz d = discriminant_of("nudupl-random");
  for (const Form& f : sample_forms(d, rng, 8)) compare_chain(d, f, 40);
}

TEST_CASE("NUCOMP equals the reference composition on varied pairs", "[vdf][nucomp]") {
  std::mt19937_64 rng(11);
  const Mpz d = discriminant_of("nucomp-pairs");
  const GroupContext ctx(d);
  const std::vector<Form> forms = sample_forms(d, rng, 24);
  int fast = 0, shared_factor = 0, united = 0;
  for (const Form& f : forms) {
    for (const Form& g : forms) {
      FastForm x, y, out;
      REQUIRE(to_fast(x, f));
      REQUIRE(to_fast(y, g));
      if (!nucomp(out, x, y, ctx)) continue;
      ++fast;
      Mpz common;
      mpz_gcd(common, f.a, g.a);
      shared_factor += mpz_cmp_ui(common.get(), 1) != 0;
      // w = gcd(a1, a2, (b1 + b2)/2) > 1: the composite's first coefficient is a1·a2/w².
      Mpz s;
      mpz_add(s, f.b, g.b);
      mpz_fdiv_q_2exp(s, s, 1);
      mpz_gcd(common, common, s);
      united += mpz_cmp_ui(common.get(), 1) != 0;
      REQUIRE(from_fast(out) == compose_reference(f, g, d));
    }
  }
  CHECK(fast > 2000);
  CHECK(shared_factor > 200);  // the gcd(a1, a2) > 1 branch is exercised
  CHECK(united > 20);          // and within it w > 1
}

TEST_CASE("Group::multiply covers the cases NUCOMP leaves to the reference", "[vdf][group]") {
  std::mt19937_64 rng(13);
  const Mpz d = discriminant_of("group-multiply");
  const Group g(d);
  for (const Form& f : sample_forms(d, rng, 6)) {
    const FastForm x = g.from_form(f);
    FastForm out;
    g.multiply(out, x, x);  // equal forms
    CHECK(g.to_form(out) == compose_reference(f, f, d));
    g.multiply(out, x, inverse(x));  // inverse pair: the identity
    CHECK(g.to_form(out) == identity_form(d));
    g.multiply(out, x, g.identity());
    CHECK(g.to_form(out) == f);
  }
}

TEST_CASE("Group::pow and pow2 equal the reference exponentiation", "[vdf][group]") {
  std::mt19937_64 rng(17);
  const Mpz d = discriminant_of("group-pow");
  const Group g(d);
  const Form x = generator_form(d);
  const Form y = pow_reference(x, random_exponent(rng, 96), d);
  for (int bits : {0, 1, 5, 64, 130}) {
    const Mpz e1 = random_exponent(rng, bits), e2 = random_exponent(rng, bits);
    const Form want1 = pow_reference(y, e1, d);
    CHECK(g.to_form(g.pow(g.from_form(y), e1)) == want1);
    const Form want2 = compose_reference(want1, pow_reference(x, e2, d), d);
    CHECK(g.to_form(g.pow2(g.from_form(y), e1, g.generator(), e2)) == want2);
  }
  CHECK(g.to_form(g.pow(g.from_form(y), Mpz(0L))) == identity_form(d));
}

TEST_CASE("the reference squaring equals composition with itself", "[vdf][reference]") {
  std::mt19937_64 rng(19);
  const Mpz d = discriminant_of("reference-square");
  for (const Form& f : sample_forms(d, rng, 4)) {
    const Form s = square_reference(f);
    CHECK(is_reduced(s));
    CHECK(s == compose_reference(f, f, d));
  }
}
