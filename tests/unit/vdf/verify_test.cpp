// verify on malformed and re-encoded inputs: false, never a crash or a throw; the encodings of
// π the reference accepts are accepted, y must be canonical.
#include <catch2/catch.hpp>

#include <random>

#include "engine/common/hash.hpp"
#include "engine/vdf/vdf.hpp"

using namespace proofgrid;
using namespace proofgrid::vdf;

namespace {

struct Solved {
  Bytes challenge;
  std::uint32_t t;
  Output out;
  std::shared_ptr<const Group> g;
};

const Solved& solved() {
  static const Solved s = [] {
    const Digest32 c = sha3_256(as_bytes("verify-malformed"));
    Solved r{Bytes(c.begin(), c.end()), 700, {}, nullptr};
    r.out = solve(r.challenge, r.t);
    r.g = group_for(r.challenge);
    return r;
  }();
  return s;
}

Form decode_part(const Output& out, std::size_t offset, const Mpz& d) {
  const auto f = decode_form(ByteView(out).subspan(offset, kFormSize), d);
  REQUIRE(f);
  return *f;
}

Output with_part(Output out, std::size_t offset, const Mpz& a, const Mpz& b) {
  encode_field(a, out.data() + offset);
  encode_field(b, out.data() + offset + kFieldSize);
  return out;
}

}  // namespace

TEST_CASE("verify accepts the honest output", "[vdf][verify]") {
  const Solved& s = solved();
  CHECK(verify(s.challenge, s.t, s.out));
  CHECK(verify(*s.g, s.t, s.out));
  CHECK_FALSE(verify(s.challenge, s.t - 1, s.out));
  CHECK_FALSE(verify(s.challenge, s.t + 1, s.out));
}

TEST_CASE("verify rejects outputs of the wrong length", "[vdf][verify]") {
  const Solved& s = solved();
  Bytes v(s.out.begin(), s.out.end());
  for (std::size_t len : {0u, 1u, 258u, 515u}) CHECK_FALSE(verify(s.challenge, s.t, ByteView(v).first(len)));
  v.push_back(0);
  CHECK_FALSE(verify(s.challenge, s.t, v));
  CHECK_FALSE(verify(s.challenge, s.t, Bytes(1032, 0)));
}

TEST_CASE("verify rejects zero, negative and non-form coefficients", "[vdf][verify]") {
  const Solved& s = solved();
  const Mpz& d = s.g->discriminant();
  const Form y = decode_part(s.out, 0, d), proof = decode_part(s.out, kFormSize, d);
  CHECK_FALSE(verify(s.challenge, s.t, Output{}));  // all zero: a = 0 in both forms
  Output ones;
  ones.fill(0xff);
  CHECK_FALSE(verify(s.challenge, s.t, ones));  // a = b = −1
  Mpz neg, plus2;
  for (std::size_t offset : {std::size_t{0}, kFormSize}) {
    const Form& f = offset == 0 ? y : proof;
    INFO("offset " << offset);
    CHECK_FALSE(verify(s.challenge, s.t, with_part(s.out, offset, Mpz(0L), f.b)));
    mpz_neg(neg, f.a);
    CHECK_FALSE(verify(s.challenge, s.t, with_part(s.out, offset, neg, f.b)));
    mpz_add_ui(plus2, f.b, 2);  // c = (b² − D)/4a is no longer an integer
    CHECK_FALSE(verify(s.challenge, s.t, with_part(s.out, offset, f.a, plus2)));
  }
}

TEST_CASE("verify accepts the non-reduced encodings of the proof the reference accepts", "[vdf][verify]") {
  const Solved& s = solved();
  const Mpz& d = s.g->discriminant();
  const Form proof = decode_part(s.out, kFormSize, d);
  // (a, b + 2a) and (a, b − 2a): the same form, translated.
  Mpz b2 = proof.b;
  mpz_addmul_ui(b2, proof.a, 2);
  CHECK(verify(s.challenge, s.t, with_part(s.out, kFormSize, proof.a, b2)));
  b2 = proof.b;
  mpz_submul_ui(b2, proof.a, 2);
  CHECK(verify(s.challenge, s.t, with_part(s.out, kFormSize, proof.a, b2)));
  // (c, −b): equivalent under (x, y) -> (−y, x).
  Mpz nb;
  mpz_neg(nb, proof.b);
  CHECK(verify(s.challenge, s.t, with_part(s.out, kFormSize, proof.c, nb)));
  // (a, −b) is the inverse class.
  CHECK_FALSE(verify(s.challenge, s.t, with_part(s.out, kFormSize, proof.a, nb)));
}

TEST_CASE("verify requires y in its reduced encoding", "[vdf][verify]") {
  const Solved& s = solved();
  const Mpz& d = s.g->discriminant();
  const Form y = decode_part(s.out, 0, d);
  Mpz b2 = y.b;
  mpz_addmul_ui(b2, y.a, 2);
  CHECK_FALSE(verify(s.challenge, s.t, with_part(s.out, 0, y.a, b2)));
  Mpz nb;
  mpz_neg(nb, y.b);
  CHECK_FALSE(verify(s.challenge, s.t, with_part(s.out, 0, y.c, nb)));
}

TEST_CASE("verify returns false on random garbage and single-byte flips", "[vdf][verify]") {
  const Solved& s = solved();
  std::mt19937_64 rng(12345);
  for (int i = 0; i < 200; ++i) {
    Output junk;
    for (auto& byte : junk) byte = static_cast<std::uint8_t>(rng());
    if (i % 2 == 0) junk[0] = junk[kFormSize] = 0;  // positive a: exercises deeper checks
    CHECK_FALSE(verify(s.challenge, s.t, junk));
  }
  for (std::size_t pos : {0u, 64u, 128u, 129u, 257u, 258u, 322u, 386u, 387u, 515u}) {
    Output flipped = s.out;
    flipped[pos] ^= 0x01;
    INFO("byte " << pos);
    CHECK_FALSE(verify(s.challenge, s.t, flipped));
  }
}
