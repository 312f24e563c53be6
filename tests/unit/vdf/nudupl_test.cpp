#include <catch2/catch.hpp>

#include "engine/common/hash.hpp"
#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/fast_form.hpp"

using namespace proofgrid;
using namespace proofgrid::vdf;

TEST_CASE("NUDUPL equals the reference squaring along a chain from the generator", "[vdf][nudupl]") {
  const Mpz d = create_discriminant_reference(sha3_256(as_bytes("nudupl-chain")));
  const GroupContext ctx(d);
  Form ref = generator_form(d);
  FastForm fast;
  REQUIRE(to_fast(fast, ref));
  for (int i = 0; i < 2000; ++i) {
    ref = square_reference(ref);
    REQUIRE(nudupl(fast, ctx));
    REQUIRE(from_fast(fast) == ref);
  }
}

TEST_CASE("NUCOMP equals the reference composition on varied pairs", "[vdf][nucomp]") {
  const Mpz d = create_discriminant_reference(sha3_256(as_bytes("nucomp-pairs")));
  const GroupContext ctx(d);
  // Small and large first coefficients: x, x^2, ..., then a chain of squares and products.
  std::vector<Form> forms{generator_form(d), identity_form(d)};
  Form f = generator_form(d);
  for (int i = 0; i < 60; ++i) {
    f = compose_reference(f, (i % 3 == 0) ? generator_form(d) : f, d);
    forms.push_back(f);
  }
  int fast = 0;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    for (std::size_t j = 0; j < forms.size(); j += 3) {
      FastForm x, y, out;
      REQUIRE(to_fast(x, forms[i]));
      REQUIRE(to_fast(y, forms[j]));
      const Form want = compose_reference(forms[i], forms[j], d);
      if (nucomp(out, x, y, ctx)) {
        ++fast;
        REQUIRE(from_fast(out) == want);
      }
    }
  }
  CHECK(fast > 1000);
}
