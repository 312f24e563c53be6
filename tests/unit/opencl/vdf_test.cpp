// The OpenCL VDF chains: y against the reference vectors (T = 1 ... 5000), every checkpoint
// against a GMP model of the spec's squaring, batches of different chains, bad input,
// cancellation.
#include "backends/opencl/vdf.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "backends/opencl/vdf_state.hpp"
#include "tests/support/paths.hpp"
#include "tests/unit/opencl/bls_oracle.hpp"
#include "tests/unit/opencl/form_oracle.hpp"
#include "tests/unit/opencl/opencl_test_support.hpp"

namespace proofgrid::test {
namespace {

using opencl::OpenClVdf;
using opencl::VdfJob;

Bytes magnitude_be(const mpz_class& d) {
  return bls::to_be(abs(d), (mpz_sizeinbase(d.get_mpz_t(), 2) + 7) / 8);
}

// Checks a chain's y and every checkpoint against the model.
void check_chain(const opencl::VdfChainResult& got, const mpz_class& d, std::uint32_t t,
                 std::uint32_t kappa) {
  REQUIRE(got.checkpoints.size() == t / kappa + 1);
  forms::Form f = forms::generator(d);
  for (std::uint32_t i = 0; i <= t; ++i) {
    if (i % kappa == 0) {
      INFO("checkpoint " << i / kappa);
      REQUIRE(to_hex(got.checkpoints[i / kappa]) == to_hex(forms::encode(f)));
    }
    if (i < t) f = forms::square(f);
  }
  REQUIRE(to_hex(got.y) == to_hex(forms::encode(f)));
}

// A random prime p = 7 (mod 8) of the given size: -p is a valid discriminant.
mpz_class random_discriminant(gmp_randclass& rng, unsigned bits) {
  mpz_class p = rng.get_z_bits(bits) | (mpz_class(1) << (bits - 1));
  for (;;) {
    mpz_nextprime(p.get_mpz_t(), p.get_mpz_t());
    if (p % 8 == 7) return -p;
  }
}

// The vector file, and the discriminant of each of its vectors (from "intermediates").
struct VdfVectors {
  nlohmann::json json = load_json(shared_dir() / "vectors" / "vdf_wesolowski_2048.json");
  std::vector<mpz_class> discriminants() const {
    std::vector<mpz_class> out;
    for (const auto& im : json.at("intermediates"))
      out.emplace_back(im.at("discriminant_dec").get<std::string>(), 10);
    return out;
  }
};

}  // namespace

TEST_CASE("OpenCL VDF chains reproduce the reference y for T = 1 ... 5000 in one batch",
          "[opencl][vdf]") {
  opencl::OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  const VdfVectors vectors;
  const std::vector<mpz_class> all_d = vectors.discriminants();
  std::vector<VdfJob> jobs;
  std::vector<std::string> expected_y;
  std::vector<mpz_class> discriminants;
  for (std::size_t i = 0; i < all_d.size(); ++i) {
    const auto& v = vectors.json.at("vectors")[i];
    REQUIRE(vectors.json.at("intermediates")[i].at("challenge_hex") == v.at("challenge_hex"));
    const std::uint32_t t = v.at("difficulty").get<std::uint32_t>();
    if (t > 5000) continue;  // T = 25000 is too slow for a unit test on a CPU device
    discriminants.push_back(all_d[i]);
    jobs.push_back({magnitude_be(all_d[i]), t});
    expected_y.push_back(v.at("output_hex").get<std::string>().substr(0, 516));
  }
  REQUIRE(jobs.size() == 7);
  OpenClVdf vdf(*ctx);
  const std::uint32_t kappa = 97;
  const auto results = vdf.solve(jobs, kappa);
  REQUIRE(results.size() == jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    INFO("T = " << jobs[i].iterations);
    CHECK(to_hex(results[i].y) == expected_y[i]);
    CHECK(results[i].checkpoints.size() == jobs[i].iterations / kappa + 1);
  }
  // Every checkpoint of the T = 1000 chain against the model.
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (jobs[i].iterations == 1000) check_chain(results[i], discriminants[i], 1000, kappa);
}

TEST_CASE("OpenCL VDF batch of mixed discriminants and lengths matches the model",
          "[opencl][vdf]") {
  opencl::OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  // The vector file's real 2048-bit discriminants, and two random smaller ones (the kernel is
  // not tied to one size), each with its own T.
  std::vector<mpz_class> ds = VdfVectors().discriminants();
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(4242);
  ds.push_back(random_discriminant(rng, 640));
  ds.push_back(random_discriminant(rng, 1100));
  const std::vector<std::uint32_t> lengths{0, 1, 9, 10, 64, 150, 7, 200, 129, 77};
  REQUIRE(ds.size() == lengths.size());
  // Every third chain keeps the batch's kappa, the others carry their own spacing (a backend
  // batches jobs of different T, each with the kappa of its proof plan).
  const std::uint32_t kappa = 8;
  std::vector<VdfJob> jobs;
  for (std::size_t i = 0; i < ds.size(); ++i)
    jobs.push_back({magnitude_be(ds[i]), lengths[i], i % 3 == 0 ? 0u : static_cast<std::uint32_t>(3 + i)});
  OpenClVdf vdf(*ctx);
  const auto results = vdf.solve(jobs, kappa);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const std::uint32_t k = jobs[i].kappa != 0 ? jobs[i].kappa : kappa;
    INFO("chain " << i << ", T = " << lengths[i] << ", kappa = " << k);
    check_chain(results[i], ds[i], lengths[i], k);
  }
}

TEST_CASE("OpenCL VDF rejects malformed jobs with a clear message", "[opencl][vdf]") {
  opencl::OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  OpenClVdf vdf(*ctx);
  const std::vector<VdfJob> wrong_residue{{magnitude_be((mpz_class(1) << 2047) + 1), 5}};
  CHECK_THROWS_WITH(vdf.solve(wrong_residue, 1),
                    Catch::Contains("job 0") && Catch::Contains("7 (mod 8)"));
  const std::vector<VdfJob> too_wide{{magnitude_be((mpz_class(1) << 2048) + 7), 5}};
  CHECK_THROWS_AS(vdf.solve(too_wide, 1), std::invalid_argument);
  const std::vector<VdfJob> empty_d{{Bytes{}, 5}};
  CHECK_THROWS_AS(vdf.solve(empty_d, 1), std::invalid_argument);
  CHECK_THROWS_AS(vdf.solve({}, 0), std::invalid_argument);
  const std::vector<VdfJob> no_kappa{{magnitude_be(VdfVectors().discriminants()[0]), 5}};
  CHECK_THROWS_WITH(vdf.solve(no_kappa, 0), Catch::Contains("kappa"));
  CHECK(vdf.solve({}, 3).empty());
}

TEST_CASE("OpenCL VDF stops between launches when cancelled", "[opencl][vdf]") {
  opencl::OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(5);
  const std::vector<VdfJob> jobs{{magnitude_be(random_discriminant(rng, 2048)), 4000000}};
  OpenClVdf vdf(*ctx);
  vdf.set_launch_seconds(0.02);
  CancelToken already;
  already.cancel();
  CHECK_THROWS_AS(vdf.solve(jobs, 100, &already), Cancelled);

  CancelToken token;
  auto run = std::async(std::launch::async, [&] { return vdf.solve(jobs, 100, &token); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  token.cancel();
  REQUIRE(run.wait_for(std::chrono::seconds(60)) == std::future_status::ready);
  CHECK_THROWS_AS(run.get(), Cancelled);
}

}  // namespace proofgrid::test
