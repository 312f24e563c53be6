// Every public vector of shared/vectors/kzg_bls48581.json, byte for byte.
#include <catch2/catch.hpp>

#include "engine/common/hash.hpp"
#include "engine/kzg/domain.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/kzg/round_commitment.hpp"
#include "tests/unit/kzg/opening_check.hpp"
#include "tests/unit/kzg/test_helpers.hpp"

namespace proofgrid::kzg {
namespace {

using nlohmann::json;

const json& vectors() {
  static const json v = proofgrid::test::load_json(proofgrid::test::shared_dir() / "vectors/kzg_bls48581.json");
  return v;
}

Bytes worker_proof(const json& generator, std::size_t i) {
  const std::string type = generator.at("type");
  if (type == "affine") {
    Bytes p(kVdfProofBytes);
    for (std::size_t j = 0; j < p.size(); ++j) p[j] = static_cast<std::uint8_t>((i + j) % 256);
    return p;
  }
  REQUIRE(type == "shake256");
  return shake256(as_bytes(generator.at("prefix").get<std::string>() + std::to_string(i)), kVdfProofBytes);
}

Bytes digests_of(const std::vector<Bytes>& proofs) {
  Bytes data;
  for (const Bytes& p : proofs) {
    const Digest64 h = sha3_512(p);
    append(data, h);
  }
  return data;
}

std::string hex(const G1Bytes& b) { return to_hex(b); }

// The quotient_checks give integers as minimal hex (no leading zeros).
std::string minimal_hex(const Fr& x) {
  const std::string h = to_hex(to_bytes73(x));
  const std::size_t first = h.find_first_not_of('0');
  return first == std::string::npos ? "0" : h.substr(first);
}

TEST_CASE("cluster vectors: commitment, derived index, proof and record", "[kzg][vectors]") {
  const Srs& srs = test::excerpt();
  int checked = 0;
  for (const json& c : vectors().at("cases")) {
    if (c.at("kind") != "cluster") continue;
    INFO("case " << c.at("name").get<std::string>());
    const std::size_t p = c.at("P"), n = c.at("N");
    std::vector<Bytes> proofs;
    for (std::size_t i = 0; i < p; ++i) proofs.push_back(worker_proof(c.at("proofs_generator"), i));
    const Bytes data = digests_of(proofs);
    REQUIRE(to_hex(sha3_256(data)) == c.at("data_sha3_256"));
    const G1Bytes commitment = commit_raw(srs, data, n);
    CHECK(hex(commitment) == c.at("commitment_hex"));
    const std::size_t idx = opening_index(commitment, p);
    CHECK(idx == c.at("idx").get<std::size_t>());
    CHECK(to_hex(ByteView(data).subspan(64 * idx, 64)) == c.at("y_hex"));
    const G1Bytes proof = prove_raw(srs, data, idx, n);
    CHECK(hex(proof) == c.at("proof_hex"));
    Bytes record;
    append_be32(record, static_cast<std::uint32_t>(idx));
    append(record, proofs[idx]);
    append(record, commitment);
    append(record, proof);
    REQUIRE(record.size() == kReferenceRecordBytes);
    CHECK(to_hex(sha3_256(record)) == c.at("record_sha3_256"));
    ++checked;
  }
  CHECK(checked == 5);
}

TEST_CASE("raw vectors: unit vectors, all-zero data, short tail", "[kzg][vectors]") {
  const Srs& srs = test::excerpt();
  int checked = 0;
  for (const json& c : vectors().at("cases")) {
    if (c.at("kind") != "raw") continue;
    INFO("case " << c.at("name").get<std::string>());
    const Bytes data = from_hex(c.at("data_hex").get<std::string>());
    REQUIRE(to_hex(sha3_256(data)) == c.at("data_sha3_256"));
    const std::size_t n = c.at("N"), idx = c.at("idx");
    CHECK(hex(commit_raw(srs, data, n)) == c.at("commitment_hex"));
    CHECK(hex(prove_raw(srs, data, idx, n)) == c.at("proof_hex"));
    const std::size_t begin = std::min<std::size_t>(64 * idx, data.size());
    const std::size_t len = std::min<std::size_t>(64, data.size() - begin);
    CHECK(to_hex(ByteView(data).subspan(begin, len)) == c.at("y_hex"));
    ++checked;
  }
  CHECK(checked == 4);
}

TEST_CASE("the unit vector commits to G1FFT_N[i], and empty data commits to infinity", "[kzg][vectors]") {
  const Srs& srs = test::excerpt();
  for (std::size_t n : {16U, 128U}) {
    for (std::size_t i : {0U, 1U, 5U}) {
      Bytes data(64 * (i + 1), 0);
      data.back() = 1;
      CHECK(equal(commit(srs, data, n), srs.lagrange(n)[i]));
    }
  }
  const G1Bytes empty = commit_raw(srs, Bytes{}, 128);
  CHECK(empty[0] == 0x03);
  CHECK(std::all_of(empty.begin() + 1, empty.end(), [](std::uint8_t b) { return b == 0; }));
}

TEST_CASE("negative_verify cases fail the pairing-free identity", "[kzg][vectors]") {
  // Without the pairing, each case is checked with spec §8.4 against the quotient of the data it
  // was cut from: C - [y]_1 = sum q_k [tau^(k+1)]_1 - z pi. The honest originals pass.
  const Srs& srs = test::excerpt();
  std::map<std::string, Bytes> data_by_commitment;
  for (const json& c : vectors().at("cases")) {
    Bytes data;
    if (c.at("kind") == "raw") {
      data = from_hex(c.at("data_hex").get<std::string>());
    } else {
      std::vector<Bytes> proofs;
      for (std::size_t i = 0; i < c.at("P").get<std::size_t>(); ++i) proofs.push_back(worker_proof(c.at("proofs_generator"), i));
      data = digests_of(proofs);
      const std::size_t idx = c.at("idx"), n = c.at("N");
      CHECK(test::opening_identity_holds(srs, data, from_hex(c.at("commitment_hex").get<std::string>()), idx,
                                         from_hex(c.at("y_hex").get<std::string>()),
                                         from_hex(c.at("proof_hex").get<std::string>()), n));
    }
    data_by_commitment[c.at("commitment_hex")] = data;
  }
  int checked = 0;
  for (const json& c : vectors().at("negative_verify")) {
    INFO("case " << c.at("name").get<std::string>());
    const Bytes& data = data_by_commitment.at(c.at("commitment_hex"));
    CHECK_FALSE(test::opening_identity_holds(srs, data, from_hex(c.at("commitment_hex").get<std::string>()),
                                             c.at("idx"), from_hex(c.at("y_hex").get<std::string>()),
                                             from_hex(c.at("proof_hex").get<std::string>()), c.at("N")));
    ++checked;
  }
  CHECK(checked == 4);
}

TEST_CASE("quotient_checks: the exact inverse FFT up to N = 65536", "[kzg][vectors][fft]") {
  int checked = 0;
  for (const json& c : vectors().at("quotient_checks").at("checks")) {
    const std::size_t p = c.at("P"), n = c.at("N"), idx = c.at("idx");
    INFO("N = " << n << ", idx = " << idx);
    Bytes data;
    for (std::size_t i = 0; i < p; ++i) {
      const Digest64 h = sha3_512(shake256(as_bytes("pseudo-root-check-" + std::to_string(i)), kVdfProofBytes));
      append(data, h);
    }
    REQUIRE(to_hex(sha3_256(data)) == c.at("data_sha3_256"));
    CHECK(minimal_hex(root_of_unity(n)) == c.at("omega_hex"));
    for (const Isa isa : usable_isas()) {  // the scalar FFT and, where the CPU has it, IFMA
      INFO("N = " << n << ", isa " << isa_name(isa));
      const std::vector<Fr> q = quotient(data, idx, n, kernels_for(isa).inverse_fft);
      REQUIRE(q.size() == n - 1);
      Bytes all;
      for (const Fr& x : q) append(all, to_bytes73(x));
      CHECK(to_hex(sha3_256(all)) == c.at("q_sha3_256"));
      CHECK(minimal_hex(q.front()) == c.at("q_first_hex"));
      CHECK(minimal_hex(q.back()) == c.at("q_last_hex"));
    }
    // Does the interpolated polynomial pass through the opened value? Only on real domains
    // (and at idx 0, where z = 1).
    std::vector<Fr> coeffs(n);
    const std::vector<Scalar> v = data_scalars(data, n);
    for (std::size_t i = 0; i < n; ++i) coeffs[i] = from_canonical<Fr>(v[i]);
    inverse_fft(coeffs, roots_table(n));
    CHECK((evaluate(coeffs, roots_table(n)[idx]) == from_canonical<Fr>(v[idx])) == c.at("c_at_z_equals_y").get<bool>());
    ++checked;
  }
  CHECK(checked == 4);
}

}  // namespace
}  // namespace proofgrid::kzg
