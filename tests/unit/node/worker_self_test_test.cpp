// The data worker's known-answer self-test: its embedded vector is the public one, it passes
// on the reference backend, and a backend that computes wrong bytes or throws fails it.
#include <catch2/catch.hpp>

#include "backends/registry/registry.hpp"
#include "node/worker/self_test.hpp"
#include "node/worker/worker_fault.hpp"
#include "tests/support/paths.hpp"

using namespace proofgrid;
using namespace proofgrid::worker;

namespace {

class ThrowingBackend final : public Backend {
 public:
  std::string name() const override { return "broken"; }
  std::string device() const override { return "none"; }
  std::vector<vdf::Output> vdf_solve_batch(std::span<const VdfJob>, const CancelToken*) override {
    throw std::runtime_error("device lost");
  }
  const kzg::Kernels& kzg_kernels() const override { return kzg::cpu_kernels(); }
};

}  // namespace

TEST_CASE("the embedded self-test vector is the public vector", "[worker][selftest]") {
  auto vectors = test::load_json(test::shared_dir() / "vectors" / "vdf_wesolowski_2048.json");
  const auto& v = self_test_vector();
  bool found = false;
  for (const auto& entry : vectors["vectors"]) {
    if (entry["challenge_hex"] != v.challenge_hex) continue;
    found = true;
    CHECK(entry["difficulty"].get<std::uint32_t>() == v.difficulty);
    CHECK(entry["output_hex"] == v.output_hex);
  }
  CHECK(found);
}

TEST_CASE("the self-test passes on the cpu backend", "[worker][selftest]") {
  auto backend = backends::create_backend("cpu", backends::BackendOptions{1, {}});
  auto r = run_self_test(*backend);
  CHECK(r.ok);
  CHECK(r.detail == "known-answer VDF vector (T = 1000) matches");
}

TEST_CASE("a backend with wrong bytes or an exception fails the self-test", "[worker][selftest]") {
  std::shared_ptr<Backend> cpu = backends::create_backend("cpu", backends::BackendOptions{1, {}});
  auto corrupt = corrupting_backend(cpu);
  auto wrong = run_self_test(*corrupt);
  CHECK_FALSE(wrong.ok);
  CHECK_THAT(wrong.detail, Catch::Contains("wrong output, first difference at byte 100 of 516"));

  ThrowingBackend broken;
  auto thrown = run_self_test(broken);
  CHECK_FALSE(thrown.ok);
  CHECK_THAT(thrown.detail, Catch::Contains("the backend failed: device lost"));
}

TEST_CASE("PROOFGRID_WORKER_FAULT names a mode and optionally a core", "[worker][fault]") {
  CHECK(parse_fault("", 1) == FaultMode::none);
  CHECK(parse_fault("bad-proofs", 3) == FaultMode::bad_proofs);
  CHECK(parse_fault("hang@2", 2) == FaultMode::hang);
  CHECK(parse_fault("hang@2", 3) == FaultMode::none);
  CHECK(parse_fault("self-test@12", 12) == FaultMode::self_test);
  CHECK_THROWS_WITH(parse_fault("crash", 1), Catch::Contains("is not a fault: use self-test, bad-proofs or hang"));
  CHECK_THROWS_WITH(parse_fault("hang@x", 1), Catch::Contains("after @ comes the --core number"));
}
