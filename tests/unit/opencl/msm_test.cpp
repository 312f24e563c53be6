// The OpenCL MSM against the KZG vectors (commitments over the ceremony's Lagrange bases)
// and against a double-and-add model on random inputs.
#include "backends/opencl/msm.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <memory>

#include "engine/common/hash.hpp"
#include "tests/support/paths.hpp"
#include "tests/unit/opencl/bls_oracle.hpp"
#include "tests/unit/opencl/opencl_test_support.hpp"

namespace proofgrid::test {
namespace {

using opencl::G1AffineLimbs;
using opencl::OpenClMsm;
using opencl::ScalarLimbs;

// The worker proofs of a cluster case, by its proofs_generator (vector file's "format").
Bytes cluster_data(const nlohmann::json& c) {
  Bytes data;
  const int workers = c.at("P").get<int>();
  const std::string type = c.at("proofs_generator").at("type");
  for (int i = 0; i < workers; ++i) {
    Bytes proof(516);
    if (type == "affine") {
      for (int j = 0; j < 516; ++j) proof[j] = static_cast<std::uint8_t>((i + j) % 256);
    } else {
      REQUIRE(type == "shake256");
      const std::string prefix = c.at("proofs_generator").at("prefix");
      proof = shake256(as_bytes(prefix + std::to_string(i)), 516);
    }
    const Digest64 h = sha3_512(proof);
    append(data, h);
  }
  return data;
}

// KZG spec 6: 64-byte big-endian chunks, a short tail read at its own length, zero padding.
std::vector<ScalarLimbs> chunk_scalars(const Bytes& data, std::size_t n) {
  std::vector<ScalarLimbs> out(n);
  std::size_t i = 0;
  for (std::size_t off = 0; off < data.size(); off += 64, ++i) {
    REQUIRE(i < n);
    const std::size_t len = std::min<std::size_t>(64, data.size() - off);
    out[i] = bls::scalar_limbs(bls::from_be(ByteView(data).subspan(off, len)));
  }
  return out;
}

std::vector<G1AffineLimbs> lagrange_bases(const nlohmann::json& srs, int n) {
  std::vector<G1AffineLimbs> out;
  for (const auto& hex : srs.at("sized").at("G1FFT").at("G1FFT" + std::to_string(n)))
    out.push_back(bls::affine_limbs(bls::decompress(from_hex(hex.get<std::string>()))));
  return out;
}

}  // namespace

TEST_CASE("OpenCL MSM reproduces every KZG vector commitment", "[opencl][msm]") {
  opencl::OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  const auto srs = load_json(shared_dir() / "srs" / "quilibrium-ceremony-excerpt-n256.json");
  const auto vectors = load_json(shared_dir() / "vectors" / "kzg_bls48581.json");
  std::map<int, std::unique_ptr<OpenClMsm>> msm_by_n;
  int checked = 0;
  for (const auto& c : vectors.at("cases")) {
    const std::string name = c.at("name");
    INFO("case " << name);
    const int n = c.at("N").get<int>();
    const Bytes data =
        c.at("kind") == "cluster" ? cluster_data(c) : from_hex(c.at("data_hex").get<std::string>());
    REQUIRE(to_hex(sha3_256(data)) == c.at("data_sha3_256").get<std::string>());
    auto& msm = msm_by_n[n];
    if (!msm) msm = std::make_unique<OpenClMsm>(*ctx, lagrange_bases(srs, n), 512);
    const opencl::G1JacobianLimbs sum = msm->run(chunk_scalars(data, n));
    CHECK(to_hex(bls::compress(bls::from_jacobian(sum))) ==
          c.at("commitment_hex").get<std::string>());
    ++checked;
  }
  CHECK(checked == 9);
}

TEST_CASE("OpenCL MSM matches double-and-add on random and special inputs", "[opencl][msm]") {
  opencl::OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(20240607);
  const bls::Point order3{0, 1, false};             // (0, 1): 3P = infinity
  const bls::Point order2{bls::p() - 1, 0, false};  // (-1, 0): 2P = infinity
  for (std::size_t n : {1u, 2u, 7u, 24u}) {
    INFO("n = " << n);
    std::vector<bls::Point> bases;
    for (std::size_t i = 0; i < n; ++i)
      bases.push_back(bls::mul(bls::generator(), rng.get_z_range(bls::r())));
    std::vector<mpz_class> scalars;
    for (std::size_t i = 0; i < n; ++i) scalars.push_back(rng.get_z_bits(576));
    if (n >= 7) {
      // Equal bases with equal scalars meet in one bucket (doubling inside the sum), a base
      // and its negation cancel, zero and all-ones scalars, infinity and small-order bases.
      bases[1] = bases[0];
      scalars[1] = scalars[0];
      bases[2] = bls::negate(bases[3]);
      scalars[2] = scalars[3];
      scalars[4] = 0;
      scalars[5] = (mpz_class(1) << 576) - 1;
      bases[6] = bls::Point{};
      if (n > 8) {
        bases[7] = order3;
        bases[8] = order2;
      }
    }
    bls::Point expected;
    std::vector<G1AffineLimbs> base_limbs;
    std::vector<ScalarLimbs> scalar_limbs;
    for (std::size_t i = 0; i < n; ++i) {
      expected = bls::add(expected, bls::mul(bases[i], scalars[i]));
      base_limbs.push_back(bls::affine_limbs(bases[i]));
      scalar_limbs.push_back(bls::scalar_limbs(scalars[i]));
    }
    OpenClMsm msm(*ctx, base_limbs, 576);
    CHECK(bls::from_jacobian(msm.run(scalar_limbs)) == expected);
    // The one-shot form (no window table, per-window buckets) gives the same point.
    OpenClMsm one_shot(*ctx, base_limbs, 576, opencl::MsmTable::kBasesOnly);
    CHECK(bls::from_jacobian(one_shot.run(scalar_limbs)) == expected);
    // The same bases serve a second, different set of scalars.
    std::vector<ScalarLimbs> small(n);
    bls::Point expected_small;
    for (std::size_t i = 0; i < n; ++i) {
      const mpz_class k = rng.get_z_bits(64);
      small[i] = bls::scalar_limbs(k);
      expected_small = bls::add(expected_small, bls::mul(bases[i], k));
    }
    CHECK(bls::from_jacobian(msm.run(small)) == expected_small);
  }
}

TEST_CASE("OpenCL MSM edge cases and input checks", "[opencl][msm]") {
  opencl::OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  OpenClMsm empty(*ctx, {}, 64);
  CHECK(bls::from_jacobian(empty.run({})).infinity);

  const std::vector<G1AffineLimbs> one{bls::affine_limbs(bls::generator())};
  OpenClMsm msm(*ctx, one, 64);
  const std::vector<ScalarLimbs> zero(1);
  CHECK(bls::from_jacobian(msm.run(zero)).infinity);
  const std::vector<ScalarLimbs> seven{bls::scalar_limbs(7)};
  CHECK(bls::from_jacobian(msm.run(seven)) == bls::mul(bls::generator(), 7));
  const std::vector<ScalarLimbs> wide{bls::scalar_limbs(mpz_class(1) << 64)};
  CHECK_THROWS_WITH(msm.run(wide), Catch::Contains("65 bits"));
  CHECK_THROWS_AS(msm.run(std::vector<ScalarLimbs>(2)), std::invalid_argument);
  CHECK_THROWS_AS(OpenClMsm(*ctx, one, 577), std::invalid_argument);
}

}  // namespace proofgrid::test
