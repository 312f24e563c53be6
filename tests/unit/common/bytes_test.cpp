#include <catch2/catch.hpp>

#include "engine/common/bytes.hpp"

using namespace proofgrid;

TEST_CASE("hex round-trips and accepts a 0x prefix and upper case", "[bytes]") {
  const Bytes b{0x00, 0x01, 0xab, 0xff};
  CHECK(to_hex(b) == "0001abff");
  CHECK(from_hex("0001abff") == b);
  CHECK(from_hex("0x0001ABFF") == b);
  CHECK(from_hex("").empty());
}

TEST_CASE("bad hex names the problem", "[bytes]") {
  CHECK_THROWS_WITH(from_hex("abc"), Catch::Contains("odd number"));
  CHECK_THROWS_WITH(from_hex("zz"), Catch::Contains("position 0"));
  CHECK_THROWS_WITH(from_hex("0g"), Catch::Contains("position 1"));
}

TEST_CASE("big-endian 32-bit helpers", "[bytes]") {
  Bytes out;
  append_be32(out, 0x01020304u);
  CHECK(out == Bytes{1, 2, 3, 4});
  CHECK(read_be32(out) == 0x01020304u);
}
