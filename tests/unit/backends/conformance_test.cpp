// Conformance of one backend (PROOFGRID_BACKEND_UNDER_TEST) with the cpu reference: the same
// bytes on the public vectors and on random inputs, for every kernel of the interface.
#include <catch2/catch.hpp>

#include <random>

#include "backends/registry/registry.hpp"
#include "engine/common/hash.hpp"
#include "engine/kzg/domain.hpp"
#include "engine/kzg/field.hpp"
#include "engine/kzg/fft.hpp"
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

TEST_CASE("VDF batch edge cases: empty, T = 0 and 1, a challenge twice, one thread", "[backend][vdf]") {
  Backend* b = backend_under_test();
  if (!b) return;
  CHECK(b->vdf_solve_batch({}).empty());
  const Bytes c1(32, 0x11), c2 = from_hex("00");
  const std::vector<VdfJob> jobs{{c1, 0}, {c1, 1}, {c2, 33}, {c1, 33}, {c1, 0}};
  const auto got = b->vdf_solve_batch(jobs);
  REQUIRE(got.size() == jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    INFO("job " << i << ", T = " << jobs[i].difficulty);
    CHECK(got[i] == vdf::solve(jobs[i].challenge, jobs[i].difficulty));
  }
  // A per-core worker's instance (one thread) gives the same bytes.
  auto single = backends::create_backend(kName, {1, ""});
  CHECK(single->vdf_solve_batch(std::span(jobs).first(3)) == std::vector<vdf::Output>(got.begin(), got.begin() + 3));
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

TEST_CASE("MSM edge cases: infinity, repeated and opposite bases, extreme scalars, empty",
          "[backend][msm]") {
  Backend* b = backend_under_test();
  if (!b) return;
  std::mt19937_64 rng(0xed9e);
  auto bases = random_points(rng, 9);
  std::vector<kzg::Scalar> scalars(9);
  for (auto& s : scalars) s = random_scalar(rng);
  bases[1] = bases[0];                       // equal bases, equal scalars: a doubling in a bucket
  scalars[1] = scalars[0];
  bases[3] = kzg::neg(bases[2]);             // opposite bases, equal scalars: they cancel
  scalars[3] = scalars[2];
  bases[4] = kzg::G1Affine{};                // infinity
  scalars[5] = kzg::Scalar{};                // zero
  for (std::size_t i = 0; i + 1 < scalars[6].size(); ++i) scalars[6][i] = ~std::uint64_t{0};  // 2^512 - 1
  scalars[7] = kzg::Scalar{1};
  CHECK(kzg::equal(b->msm(bases, scalars), reference().msm(bases, scalars)));
  // Scalars up to r - 1 (the widest an Fr coefficient gets) on the one-shot path.
  scalars[8] = kzg::to_scalar(kzg::field_zero<kzg::Fr>() - kzg::field_one<kzg::Fr>());
  CHECK(kzg::equal(b->msm(bases, scalars), reference().msm(bases, scalars)));
  CHECK(kzg::is_infinity(b->msm({}, {})));
  // Only cancelling terms: the sum is infinity.
  const std::vector<kzg::G1Affine> pm{bases[2], bases[3]};
  const std::vector<kzg::Scalar> same{scalars[2], scalars[2]};
  CHECK(kzg::is_infinity(b->msm(pm, same)));
}

TEST_CASE("MSM over a fixed-base table equals the cpu reference, fewer scalars than bases too",
          "[backend][msm]") {
  Backend* b = backend_under_test();
  if (!b) return;
  std::mt19937_64 rng(0xf1ed);
  const auto bases = random_points(rng, 40);
  for (const std::size_t bits : {512u, 518u}) {
    const kzg::FixedBaseTable table = kzg::make_fixed_base_table(bases, bits);
    for (const std::size_t count : {40u, 17u}) {
      std::vector<kzg::Scalar> scalars(count);
      for (auto& s : scalars) s = random_scalar(rng);
      scalars[3] = kzg::Scalar{};
      INFO("scalar bits " << bits << ", " << count << " scalars");
      CHECK(kzg::equal(b->kzg_kernels().msm_fixed(table, scalars), reference().kzg_kernels().msm_fixed(table, scalars)));
      // The same table serves again (a backend that keeps its own copy of it must reuse it right).
      scalars[0] = random_scalar(rng);
      CHECK(kzg::equal(b->kzg_kernels().msm_fixed(table, scalars), reference().kzg_kernels().msm_fixed(table, scalars)));
    }
  }
  const kzg::FixedBaseTable narrow = kzg::make_fixed_base_table(std::span(bases).first(4), 256);
  const std::vector<kzg::Scalar> wide(4, random_scalar(rng));
  CHECK_THROWS_AS(b->kzg_kernels().msm_fixed(narrow, wide), std::invalid_argument);
  const std::vector<kzg::Scalar> too_many(5);
  CHECK_THROWS_AS(b->kzg_kernels().msm_fixed(narrow, too_many), std::invalid_argument);
}

TEST_CASE("inverse FFT equals the cpu reference", "[backend][fft]") {
  Backend* b = backend_under_test();
  if (!b) return;
  std::mt19937_64 rng(0xff7);
  // Real domains up to 1024 and the reference's pseudo-root size 2048.
  for (std::size_t n : {16u, 128u, 1024u, 2048u}) {
    const auto roots = kzg::roots_table(n);
    std::vector<kzg::Fr> values(n);
    for (auto& v : values) v = kzg::from_canonical<kzg::Fr>(random_scalar(rng));
    auto expected = values;
    reference().inverse_fft(expected, roots);
    b->inverse_fft(values, roots);
    INFO("N = " << n);
    CHECK(values == expected);
  }
  std::vector<kzg::Fr> odd(12);
  CHECK_THROWS_AS(b->inverse_fft(odd, kzg::roots_table(16)), std::invalid_argument);
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
    // One-shot use (the CLI's): no fixed-base tables, the same bytes.
    kzg::Kernels one_shot = b->kzg_kernels();
    one_shot.use_tables = false;
    CHECK(to_hex(kzg::commit_raw(*srs, data, n, one_shot)) == c["commitment_hex"]);
    CHECK(to_hex(kzg::prove_raw(*srs, data, idx, n, one_shot)) == c["proof_hex"]);
    ++checked;
  }
  CHECK(checked >= 2);
}
