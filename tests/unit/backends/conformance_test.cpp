// Conformance of one backend (PROOFGRID_BACKEND_UNDER_TEST) with the cpu reference: the same
// bytes on the public vectors and on random inputs, for every kernel of the interface.
#include <catch2/catch.hpp>

#include <random>

#include "backends/registry/registry.hpp"
#include "engine/common/hash.hpp"
#include "engine/kzg/domain.hpp"
#include "engine/kzg/field.hpp"
#include "engine/kzg/g1.hpp"
#include "engine/kzg/round_commitment.hpp"
#include "engine/kzg/srs.hpp"
#include "engine/vdf/vdf.hpp"
#include "tests/support/paths.hpp"

using namespace proofgrid;

namespace {

constexpr const char* kName = PROOFGRID_BACKEND_UNDER_TEST;

// The backend under test, or nullptr (with a visible warning) when this machine lacks its
// device; cpu and simd are always available, so only a device backend can be skipped.
Backend* backend_under_test() {
  static std::unique_ptr<Backend> instance = [] {
    for (const auto& info : backends::list_backends())
      if (info.name == kName && !info.available) return std::unique_ptr<Backend>{};
    return backends::create_backend(kName);
  }();
  if (!instance) WARN("backend " << kName << " is not usable on this machine; skipped");
  return instance.get();
}

Backend& reference() {
  static std::unique_ptr<Backend> cpu = backends::create_backend("cpu");
  return *cpu;
}

kzg::Scalar random_scalar(std::mt19937_64& rng) {
  kzg::Scalar s{};
  for (std::size_t i = 0; i + 1 < s.size(); ++i) s[i] = rng();  // < 2^512 < r
  return s;
}

std::vector<kzg::G1Affine> random_points(std::mt19937_64& rng, std::size_t n) {
  std::vector<kzg::G1Affine> out(n);
  for (auto& p : out) p = kzg::to_affine(kzg::scalar_mul(kzg::g1_generator(), random_scalar(rng)));
  return out;
}

}  // namespace

TEST_CASE("VDF batch reproduces the public vectors", "[backend][vdf]") {
  Backend* b = backend_under_test();
  if (!b) return;
  const auto doc = test::load_json(test::shared_dir() / "vectors/vdf_wesolowski_2048.json");
  std::vector<VdfJob> jobs;
  std::vector<std::string> expected;
  for (const auto& v : doc["vectors"]) {
    if (v["difficulty"].get<std::uint32_t>() > 5000) continue;  // keep device runs short
    jobs.push_back({from_hex(v["challenge_hex"].get<std::string>()), v["difficulty"].get<std::uint32_t>()});
    expected.push_back(v["output_hex"].get<std::string>());
  }
  REQUIRE(jobs.size() >= 5);
  const auto outputs = b->vdf_solve_batch(jobs);
  REQUIRE(outputs.size() == jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    INFO("vector with T = " << jobs[i].difficulty);
    CHECK(to_hex(outputs[i]) == expected[i]);
  }
}

TEST_CASE("VDF batch equals the reference on random challenges, in job order", "[backend][vdf]") {
  Backend* b = backend_under_test();
  if (!b) return;
  std::mt19937_64 rng(0x5eed);
  std::vector<VdfJob> jobs;
  for (std::uint32_t i = 0; i < 6; ++i) {
    Bytes challenge(32);
    for (auto& byte : challenge) byte = static_cast<std::uint8_t>(rng());
    jobs.push_back({challenge, 150 + 97 * i});  // crosses the T ~ 128 proof boundary
  }
  const auto got = b->vdf_solve_batch(jobs);
  REQUIRE(got.size() == jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    CHECK(got[i] == vdf::solve(jobs[i].challenge, jobs[i].difficulty));
    CHECK(vdf::verify(jobs[i].challenge, jobs[i].difficulty, got[i]));
  }
}

TEST_CASE("a cancelled batch throws Cancelled", "[backend][vdf]") {
  Backend* b = backend_under_test();
  if (!b) return;
  CancelToken cancel;
  cancel.cancel();
  const std::vector<VdfJob> jobs{{Bytes(32, 7), 200000}};
  CHECK_THROWS_AS(b->vdf_solve_batch(jobs, &cancel), Cancelled);
}

TEST_CASE("MSM equals the cpu reference on random inputs", "[backend][msm]") {
  Backend* b = backend_under_test();
  if (!b) return;
  std::mt19937_64 rng(0x35a);
  for (std::size_t n : {1u, 2u, 7u, 64u, 200u}) {
    const auto bases = random_points(rng, n);
    std::vector<kzg::Scalar> scalars(n);
    for (auto& s : scalars) s = random_scalar(rng);
    if (n > 2) scalars[1] = kzg::Scalar{};  // a zero scalar contributes nothing
    INFO("n = " << n);
    CHECK(kzg::equal(b->msm(bases, scalars), reference().msm(bases, scalars)));
  }
}

TEST_CASE("inverse FFT equals the cpu reference", "[backend][fft]") {
  Backend* b = backend_under_test();
  if (!b) return;
  std::mt19937_64 rng(0xff7);
  for (std::size_t n : {16u, 128u, 1024u}) {
    const auto roots = kzg::roots_table(n);
    std::vector<kzg::Fr> values(n);
    for (auto& v : values) v = kzg::from_canonical<kzg::Fr>(random_scalar(rng));
    auto expected = values;
    reference().inverse_fft(expected, roots);
    b->inverse_fft(values, roots);
    INFO("N = " << n);
    CHECK(values == expected);
  }
}

TEST_CASE("KZG commit and prove through the backend's kernels reproduce the cluster vectors",
          "[backend][kzg]") {
  Backend* b = backend_under_test();
  if (!b) return;
  const auto srs = kzg::Srs::load(test::shared_dir() / "srs/quilibrium-ceremony-excerpt-n256.json");
  const auto doc = test::load_json(test::shared_dir() / "vectors/kzg_bls48581.json");
  std::size_t checked = 0;
  for (const auto& c : doc["cases"]) {
    if (c["kind"] != "cluster" || c["proofs_generator"]["type"] != "affine") continue;
    const std::size_t p = c["P"], n = c["N"], idx = c["idx"];
    Bytes data;
    for (std::size_t i = 0; i < p; ++i) {
      Bytes proof(516);
      for (std::size_t j = 0; j < proof.size(); ++j) proof[j] = static_cast<std::uint8_t>((i + j) % 256);
      append(data, sha3_512(proof));
    }
    CHECK(to_hex(kzg::commit_raw(*srs, data, n, b->kzg_kernels())) == c["commitment_hex"]);
    CHECK(to_hex(kzg::prove_raw(*srs, data, idx, n, b->kzg_kernels())) == c["proof_hex"]);
    ++checked;
  }
  CHECK(checked >= 2);
}
