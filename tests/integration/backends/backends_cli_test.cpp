// `proofgrid backends`, and --backend on vdf solve / kzg commit with the CPU backends and with
// an OpenCL runtime that is not there.
#include <nlohmann/json.hpp>

#include "tests/integration/backends/backends_cli.hpp"

using namespace proofgrid::test;

namespace {
const std::string kNoOpenCl = "PROOFGRID_OPENCL_LIBRARY=/nonexistent/libOpenCL.so.1";
}

TEST_CASE("backends --json lists every compiled-in backend, cpu first and usable", "[cli][backends]") {
  const auto r = run_with_env({kNoOpenCl}, {"backends", "--json"});
  CHECK(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc.is_array());
  REQUIRE(doc.size() >= 2);
  CHECK(doc[0]["name"] == "cpu");
  CHECK(doc[1]["name"] == "simd");
  for (const auto& b : doc) {
    CHECK(b["name"].is_string());
    CHECK(b["available"].is_boolean());
    CHECK(b["device"].is_string());
    if (b["name"] == "opencl") {
      CHECK(b["available"] == false);
      CHECK_THAT(b["reason"].get<std::string>(), Catch::Contains("install"));
    } else {
      CHECK(b["available"] == true);
      CHECK_FALSE(b["device"].get<std::string>().empty());
    }
  }
  const auto text = run_with_env({kNoOpenCl}, {"backends"});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::StartsWith("cpu ") && Catch::Contains("\nsimd "));
}

TEST_CASE("backends --auto says what auto picks and why", "[cli][backends]") {
  const TempDirForCache cache;
  const auto r = run_with_env({kNoOpenCl, "PROOFGRID_CALIBRATION_CACHE=" + cache.file()}, {"backends", "--json", "--auto"});
  CHECK(r.exit_code == 0);
  int chosen = 0;
  for (const auto& b : nlohmann::json::parse(r.out))
    if (b.value("auto", false)) {
      ++chosen;
      CHECK_THAT(b["auto_why"].get<std::string>(), Catch::Contains("calibration"));
    }
  CHECK(chosen == 1);
}

TEST_CASE("vdf solve and kzg commit give the vector bytes on every CPU backend and auto", "[cli][backends]") {
  const TempDirForCache cache;
  const std::string expected = vdf_vector_output();
  for (const std::string backend : {"cpu", "simd", "auto"}) {
    INFO("--backend " << backend);
    const auto v = run_with_env({kNoOpenCl, "PROOFGRID_CALIBRATION_CACHE=" + cache.file()}, vdf_solve_args(backend));
    CHECK(v.exit_code == 0);
    CHECK(v.out == expected);
    const auto k = run_with_env({kNoOpenCl, "PROOFGRID_CALIBRATION_CACHE=" + cache.file()}, kzg_commit_args(backend));
    CHECK(k.exit_code == 0);
    CHECK(k.out == kKzgShortTailCommitment);
    if (backend == "auto") CHECK_THAT(k.err, Catch::Contains("backend auto: using "));
  }
  const auto p = run_with_env({}, {"kzg", "prove", "--poly-size", "16", "--index", "1", "--data", kKzgShortTail,
                                   "--backend", "cpu"});
  CHECK(p.exit_code == 0);
  CHECK(p.out ==
        "0203fcf832c0713922e8c970b79fccafdea802df9f90b71d43ca407c0647f26fb8a733ea5426ccef50bd6949563a03894b43e6171ba0"
        "b585d2f40a6aeb5d198126dfbcd6958cf7fb5e32\n");
}

TEST_CASE("without an OpenCL runtime, --backend opencl exits non-zero and says what to install", "[cli][backends]") {
  for (const auto& args : {vdf_solve_args("opencl"), kzg_commit_args("opencl")}) {
    INFO(args[0]);
    const auto r = run_with_env({kNoOpenCl}, args);
    CHECK(r.exit_code != 0);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains("backend 'opencl' is not usable here") && Catch::Contains("install") &&
                          (Catch::Contains("ocl-icd-libopencl1") || Catch::Contains("built without OpenCL")));
  }
}

TEST_CASE("an unknown --backend names the ones there are", "[cli][backends]") {
  const auto r = run_with_env({}, vdf_solve_args("tpu"));
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("unknown backend 'tpu'") && Catch::Contains("cpu, simd"));
}

TEST_CASE("backends --help and bench backends --help teach with an example", "[cli][backends][help]") {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"backends", "--help"},
                                              std::vector<std::string>{"bench", "backends", "--help"}}) {
    const auto r = run_with_env({}, args);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("Example") && Catch::Contains("proofgrid "));
  }
}
