#include <catch2/catch.hpp>

#include "engine/common/hash.hpp"
#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/nudupl.hpp"

using namespace proofgrid;
using namespace proofgrid::vdf;

TEST_CASE("NUDUPL equals the reference squaring along a chain from the generator", "[vdf][nudupl]") {
  const Mpz d = create_discriminant_reference(sha3_256(as_bytes("nudupl-chain")));
  const SquaringContext ctx(d);
  Form ref = generator_form(d);
  FastForm fast;
  REQUIRE(to_fast(fast, ref));
  for (int i = 0; i < 2000; ++i) {
    ref = square_reference(ref);
    REQUIRE(nudupl(fast, ctx));
    REQUIRE(from_fast(fast, d) == ref);
  }
}
