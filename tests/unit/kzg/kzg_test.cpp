// Commit/prove beyond the public vectors: chunking rules, random data against the pairing-free
// identity, the kernel seam, agreement of every arithmetic path, and the round chunk rule.
#include <catch2/catch.hpp>

#include <atomic>

#include <nlohmann/json.hpp>

#include "engine/common/hash.hpp"
#include "engine/kzg/domain.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/kzg/round_commitment.hpp"
#include "engine/kzg/srs_generate.hpp"
#include "tests/unit/kzg/opening_check.hpp"
#include "tests/unit/kzg/test_helpers.hpp"

namespace proofgrid::kzg {
namespace {

Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

Bytes chunk_value(const Bytes& data, std::size_t idx, std::size_t n) {
  Bytes y(64);
  limbs_to_be(data_scalars(data, n)[idx], y.data(), 64);
  return y;
}

TEST_CASE("data chunking: big-endian chunks, short tail, padding, too much data", "[kzg][api]") {
  Bytes data(100);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i + 1);
  const std::vector<Scalar> v = data_scalars(data, 16);
  REQUIRE(v.size() == 16);
  CHECK(v[0][7] == 0x0102030405060708ULL);  // the first bytes are the most significant
  CHECK(v[0][0] == 0x393a3b3c3d3e3f40ULL);
  CHECK(v[1][0] == 0x5d5e5f6061626364ULL);  // the 36-byte tail, read at its own length
  CHECK(v[1][4] == 0x41424344ULL);
  CHECK(v[2] == Scalar{});
  CHECK(data_scalars(Bytes{}, 16) == std::vector<Scalar>(16, Scalar{}));
  CHECK_THROWS_WITH(data_scalars(Bytes(64 * 16 + 1), 16), Catch::Contains("more than the polynomial size 16"));
  CHECK_NOTHROW(data_scalars(Bytes(64 * 16), 16));
}

TEST_CASE("random data opens correctly at random indices (N = 16 ... 256)", "[kzg][api]") {
  const Srs& srs = test::excerpt();
  std::mt19937_64 rng(50);
  for (std::size_t n : {16U, 32U, 64U, 128U, 256U}) {
    for (int rep = 0; rep < 2; ++rep) {
      const Bytes data = random_bytes(rng, 64 * (1 + rng() % n) - rng() % 64);
      const std::size_t idx = rng() % n;
      INFO("N = " << n << ", idx = " << idx << ", " << data.size() << " bytes");
      const G1Bytes c = commit_raw(srs, data, n), pi = prove_raw(srs, data, idx, n);
      CHECK(test::opening_identity_holds(srs, data, c, idx, chunk_value(data, idx, n), pi, n));
      // The interpolated polynomial passes through every chunk on a real domain.
      std::vector<Fr> coeffs(n);
      const std::vector<Scalar> v = data_scalars(data, n);
      for (std::size_t i = 0; i < n; ++i) coeffs[i] = from_canonical<Fr>(v[i]);
      inverse_fft(coeffs, roots_table(n));
      CHECK(evaluate(coeffs, roots_table(n)[idx]) == from_canonical<Fr>(v[idx]));
      // A wrong claimed value or a proof for another index fails.
      Bytes wrong = chunk_value(data, idx, n);
      wrong[63] ^= 1U;
      CHECK_FALSE(test::opening_identity_holds(srs, data, c, idx, wrong, pi, n));
      const std::size_t other = (idx + 1) % n;
      CHECK_FALSE(test::opening_identity_holds(srs, data, c, idx, chunk_value(data, idx, n),
                                               prove_raw(srs, data, other, n), n));
    }
  }
}

TEST_CASE("prove: index range, padding indices, unsupported sizes", "[kzg][api]") {
  const Srs& srs = test::excerpt();
  const Bytes data(64 * 3, 0x5a);
  CHECK_THROWS_WITH(prove(srs, data, 16, 16), Catch::Contains("outside 0..15"));
  CHECK_THROWS_WITH(commit(srs, data, 100), Catch::Contains("not supported"));
  // An index past the data opens a zero chunk.
  const G1Bytes pi = prove_raw(srs, data, 10, 16);
  CHECK(test::opening_identity_holds(srs, data, commit_raw(srs, data, 16), 10, Bytes(64, 0), pi, 16));
  // All chunks equal: the quotient is zero, the proof is the infinity encoding.
  const G1Bytes flat = prove_raw(srs, Bytes{}, 3, 16);
  CHECK(flat == compress(G1Affine{}));
}

TEST_CASE("the kernel seam: commit and prove run the kernels they are given", "[kzg][api]") {
  const Srs& srs = test::excerpt();
  std::atomic<int> msm_calls{0};
  static std::atomic<int> fft_calls{0};
  fft_calls = 0;
  Kernels counting{[&](const FixedBaseTable& t, std::span<const Scalar> s) {
                     ++msm_calls;
                     return msm_fixed(t, s);
                   },
                   [&](std::span<const G1Affine> b, std::span<const Scalar> s) {
                     ++msm_calls;
                     return msm(b, s);
                   },
                   [](std::span<Fr> v, std::span<const Fr> roots) {
                     ++fft_calls;
                     inverse_fft(v, roots);
                   }};
  const Bytes data(64 * 5, 0x33);
  CHECK(commit_raw(srs, data, 32, counting) == commit_raw(srs, data, 32));
  CHECK(prove_raw(srs, data, 4, 32, counting) == prove_raw(srs, data, 4, 32));
  CHECK(msm_calls == 2);
  CHECK(fft_calls == 1);
  // Without tables the variable-base MSM runs, with the same bytes.
  counting.use_tables = false;
  CHECK(commit_raw(srs, data, 32, counting) == commit_raw(srs, data, 32));
  CHECK(prove_raw(srs, data, 4, 32, counting) == prove_raw(srs, data, 4, 32));
  CHECK(msm_calls == 4);
}

TEST_CASE("IFMA, MULX/ADX and portable arithmetic give identical bytes", "[kzg][api][kernels]") {
  const Srs& srs = test::excerpt();
  std::mt19937_64 rng(51);
  const Bytes data = random_bytes(rng, 64 * 100);
  const G1Bytes c = commit_raw(srs, data, 128), pi = prove_raw(srs, data, 42, 128);
  const Kernels& scalar = kernels_for(Isa::kScalar);
  const bool adx = mont_use_adx(false);
  CHECK(commit_raw(srs, data, 128, scalar) == c);  // portable
  CHECK(prove_raw(srs, data, 42, 128, scalar) == pi);
  mont_use_adx(true);
  CHECK(commit_raw(srs, data, 128, scalar) == c);  // MULX/ADX when the CPU has it
  for (const Isa isa : usable_isas()) {
    INFO("isa " << isa_name(isa));
    CHECK(commit_raw(srs, data, 128, kernels_for(isa)) == c);
    CHECK(prove_raw(srs, data, 42, 128, kernels_for(isa)) == pi);
  }
  mont_use_adx(adx);
  // Repeated and opposite bases force the IFMA kernel's fallback: still exact.
  std::vector<G1Affine> bases(40, srs.g1_powers()[3]);
  bases[5] = neg(bases[5]);
  std::vector<Scalar> scalars(40);
  for (auto& s : scalars) s = test::random_scalar_below_r(rng);
  G1Jacobian expect;
  for (std::size_t i = 0; i < bases.size(); ++i) expect = add(expect, scalar_mul(bases[i], scalars[i]));
  const FixedBaseTable table = make_fixed_base_table(bases, 518);
  for (const Isa isa : usable_isas()) {
    INFO("isa " << isa_name(isa));
    CHECK(equal(msm(bases, scalars, isa), expect));
    CHECK(equal(msm_fixed(table, scalars, isa), expect));
  }
}

TEST_CASE("the IFMA inverse FFT gives the scalar FFT's bytes, edge values and every size",
          "[kzg][fft][kernels]") {
  if (!isa_supported(Isa::kAvx512Ifma)) {
    WARN("CPU lacks AVX-512 IFMA: only the scalar FFT runs here");
    return;
  }
  std::mt19937_64 rng(77);
  const Fr minus_one = field_zero<Fr>() - field_one<Fr>();
  for (std::size_t n = 1; n <= 2048; n <<= 1) {
    INFO("N = " << n);
    // Real root tables where they exist; below 16 any table drives the same butterflies.
    std::vector<Fr> roots(n + 1);
    if (n >= 16) roots = roots_table(n);
    else
      for (auto& r : roots) r = test::random_field<Fr>(rng);
    std::vector<Fr> values(n);
    for (auto& v : values) v = test::random_field<Fr>(rng);
    if (n >= 4) {
      values[0] = field_zero<Fr>();
      values[1] = minus_one;  // r - 1: the largest residue
      values[n - 1] = field_one<Fr>();
    }
    std::vector<Fr> expect = values, got = values;
    inverse_fft(expect, roots);
    inverse_fft_ifma(got, roots);
    CHECK(got == expect);
    // All r - 1: every butterfly works at the top of the range.
    std::vector<Fr> top(n, minus_one), top_expect(n, minus_one);
    inverse_fft(top_expect, roots);
    inverse_fft_ifma(top, roots);
    CHECK(top == top_expect);
  }
  std::vector<Fr> bad(12);
  CHECK_THROWS_AS(inverse_fft_ifma(bad, roots_table(16)), std::invalid_argument);
}

TEST_CASE("a table holds its IFMA copy only once an IFMA MSM used it and unsupported levels throw",
          "[kzg][api][kernels]") {
  const std::vector<G1Affine> bases(3, g1_generator());
  const std::vector<Scalar> scalars(3, Scalar{5});
  const FixedBaseTable table = make_fixed_base_table(bases, 518);
  const std::size_t plain = table.memory_bytes();
  CHECK(plain == table.points.capacity() * sizeof(G1Affine));
  (void)msm_fixed(table, scalars, Isa::kScalar);
  CHECK(table.memory_bytes() == plain);
  if (isa_supported(Isa::kAvx512Ifma)) {
    CHECK(equal(msm_fixed(table, scalars, Isa::kAvx512Ifma), msm_fixed(table, scalars, Isa::kScalar)));
    CHECK(table.memory_bytes() == plain + table.points.size() * sizeof(G1Affine52));
  } else {
    CHECK_THROWS_WITH(msm_fixed(table, scalars, Isa::kAvx512Ifma), Catch::Contains("cannot run the avx512-ifma"));
    CHECK_THROWS_WITH(msm(bases, scalars, Isa::kAvx512Ifma), Catch::Contains("cannot run the avx512-ifma"));
  }
}

TEST_CASE("PolySize and the round chunk rule", "[kzg][round]") {
  CHECK(poly_size(1) == 128);
  CHECK(poly_size(128) == 128);
  CHECK(poly_size(129) == 1024);
  CHECK(poly_size(1024) == 1024);
  CHECK(poly_size(5000) == 1024);
  CHECK_THROWS_AS(poly_size(0), std::invalid_argument);
  CHECK(reference_poly_size(1024) == 1024);
  CHECK(reference_poly_size(1025) == 2048);
  CHECK(reference_poly_size(2049) == 65536);
  CHECK(reference_poly_size(65536) == 65536);
  CHECK_THROWS_AS(reference_poly_size(65537), std::invalid_argument);

  const RoundLayout small = round_layout(100);
  CHECK(small.chunks == 1);
  CHECK(small.poly_size == 128);
  CHECK(small.record_bytes() == 668);
  CHECK(small.commitment_bytes() == 74);
  const RoundLayout big = round_layout(2500);
  CHECK(big.chunks == 3);
  CHECK(big.poly_size == 1024);
  CHECK(big.commitment_bytes() == 222);
  CHECK(big.record_bytes() == 668 + 2 * 74);
  CHECK(big.chunk_slots(0) == 1024);
  CHECK(big.chunk_slots(2) == 452);
  CHECK(big.chunk_of(2047) == 1);
  CHECK(big.position_of(2047) == 1023);
  CHECK_THROWS_AS(big.chunk_slots(3), std::out_of_range);
}

TEST_CASE("rounds of up to 128 slots are the reference commitment", "[kzg][round]") {
  const Srs& srs = test::excerpt();
  std::mt19937_64 rng(52);
  const Bytes digests = random_bytes(rng, 64 * 20);
  const Bytes c = commit_round(srs, digests);
  REQUIRE(c.size() == 74);
  const G1Bytes ref = commit_raw(srs, digests, 128);
  CHECK(std::equal(c.begin(), c.end(), ref.begin()));
  CHECK(prove_round(srs, digests, 7) == prove_raw(srs, digests, 7, 128));
  CHECK(opening_index(c, 20) < 20);
  CHECK_THROWS_AS(prove_round(srs, digests, 20), std::invalid_argument);
  CHECK_THROWS_AS(commit_round(srs, Bytes(65)), std::invalid_argument);
  // P = 200 needs N = 1024, which the excerpt cannot serve: a clear SRS error.
  CHECK_THROWS_AS(commit_round(srs, Bytes(64 * 200)), SrsError);
}

TEST_CASE("rounds above 1024 slots: one N = 1024 commitment per chunk", "[kzg][round]") {
  SrsLoadOptions trusted;  // our own generated file: skip the per-point subgroup checks
  trusted.check_subgroup = false;
  trusted.warn = [](const std::string&) {};
  const auto srs = Srs::parse(generate_insecure_srs(1024, "chunk-rule-test").dump(), "generated", trusted);
  std::mt19937_64 rng(53);
  const std::size_t p = 1100;
  const Bytes digests = random_bytes(rng, 64 * p);
  const Bytes c = commit_round(*srs, digests);
  REQUIRE(c.size() == 2 * 74);
  const ByteView first(digests.data(), 64 * 1024), second(digests.data() + 64 * 1024, 64 * 76);
  const G1Bytes c0 = commit_raw(*srs, first, 1024), c1 = commit_raw(*srs, second, 1024);
  CHECK(std::equal(c0.begin(), c0.end(), c.begin()));
  CHECK(std::equal(c1.begin(), c1.end(), c.begin() + 74));
  const std::size_t idx = 1050;
  const G1Bytes pi = prove_round(*srs, digests, idx);
  CHECK(pi == prove_raw(*srs, second, idx - 1024, 1024));
  // The opening verifies against its own chunk's commitment (spec §8.4 identity).
  CHECK(test::opening_identity_holds(*srs, second, c1, idx - 1024, Bytes(second.begin() + 64 * 26, second.begin() + 64 * 27),
                                     pi, 1024));
  const std::size_t opened = opening_index(c, p);
  CHECK(opened < p);
}

TEST_CASE("compatibility size 2048: exact quotient, table-free MSM", "[kzg][api][compat]") {
  // A generated setup has no (pseudo-root) G1FFT2048; give it one made of its own powers so the
  // commit path runs. The bytes mean nothing cryptographically (spec §9); the test checks that
  // the table-free MSM path computes exactly sum v_i L_i and sum q_k P_k.
  SrsLoadOptions trusted;
  trusted.check_subgroup = false;
  trusted.warn = [](const std::string&) {};
  nlohmann::json doc = generate_insecure_srs(2048, "compat-2048");
  nlohmann::json padded = nlohmann::json::array();
  for (std::size_t i = 0; i < 2048; ++i) padded.push_back(doc["powersOfTau"]["G1Powers"][i]);
  doc["sized"]["G1FFT"]["G1FFT2048"] = padded;
  const auto srs = Srs::parse(doc.dump(), "generated-2048", trusted);
  std::mt19937_64 rng(54);
  const Bytes data = random_bytes(rng, 64 * 1500);
  const std::vector<Scalar> v = data_scalars(data, 2048);
  const FixedBaseTable lagrange = make_fixed_base_table(srs->lagrange(2048), 512);
  CHECK(equal(to_jacobian(commit(*srs, data, 2048)), msm_fixed(lagrange, v)));
  const std::vector<Fr> q = quotient(data, 5, 2048);
  std::vector<Scalar> qs(q.size());
  for (std::size_t k = 0; k < q.size(); ++k) qs[k] = to_scalar(q[k]);
  const FixedBaseTable powers = make_fixed_base_table(srs->g1_powers().first(2047), 518);
  CHECK(equal(to_jacobian(prove(*srs, data, 5, 2048)), msm_fixed(powers, qs)));
}

}  // namespace
}  // namespace proofgrid::kzg
