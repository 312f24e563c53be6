#include <catch2/catch.hpp>

#include "engine/common/hash.hpp"

using namespace proofgrid;

// Known answers from FIPS 180-4 / FIPS 202 for the empty string and "abc".
TEST_CASE("SHA-256 and SHA3 known answers", "[hash]") {
  CHECK(to_hex(sha256(as_bytes("abc"))) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(to_hex(sha3_256(as_bytes(""))) ==
        "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
  CHECK(to_hex(sha3_512(as_bytes("abc"))).substr(0, 32) == "b751850b1a57168a5693cd924b6b096e");
  CHECK(to_hex(shake256(as_bytes(""), 16)) == "46b9dd2b0ba88d13233b3feb743eeb24");
}

TEST_CASE("incremental SHA-256 equals one-shot and can be reused", "[hash]") {
  Sha256 h;
  h.update(as_bytes("a")).update(as_bytes("bc"));
  CHECK(h.finish() == sha256(as_bytes("abc")));
  h.update(as_bytes("abc"));
  CHECK(h.finish() == sha256(as_bytes("abc")));
}

TEST_CASE("the public VDF vectors' challenges are SHA3-256 of their seed text", "[hash]") {
  CHECK(to_hex(sha3_256(as_bytes("vector-0"))) ==
        "5ea53d269963334a8569fd292b01bc32b5270262137548f27d41ac102ba6e716");
}
