// The registry: names, availability, unknown and unusable backends, and --backend auto.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "backends/registry/calibration.hpp"
#include "backends/registry/registry.hpp"
#include "tests/support/temp_dir.hpp"

using namespace proofgrid;
using namespace proofgrid::backends;

TEST_CASE("cpu is compiled in, listed first and always available, and simd too", "[registry]") {
  const auto names = compiled_backends();
  REQUIRE(names.size() >= 2);
  CHECK(names[0] == "cpu");
  CHECK(names[1] == "simd");
  const auto infos = list_backends();
  REQUIRE(infos.size() == names.size());
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(infos[i].name == names[i]);
    CHECK(infos[i].available);
    CHECK_FALSE(infos[i].device.empty());
  }
  CHECK(create_backend("cpu")->name() == "cpu");
  CHECK(create_backend("simd")->name() == "simd");
  // The thread share shows in the device description.
  CHECK_THAT(create_backend("cpu", {1, ""})->device(), Catch::Contains("1 thread)"));
  CHECK_THAT(create_backend("simd", {3, ""})->device(), Catch::Contains("3 threads)"));
}

TEST_CASE("an unknown backend names the ones this build has", "[registry]") {
  CHECK_THROWS_AS(create_backend("tpu"), BackendUnavailable);
  CHECK_THROWS_WITH(create_backend("tpu"), Catch::Contains("unknown backend 'tpu'") && Catch::Contains("cpu") &&
                                               Catch::Contains("simd") && Catch::Contains("auto"));
}

TEST_CASE("opencl without a runtime is listed as not usable and says what to install", "[registry][opencl]") {
  // The probe reads the variable on every call; nothing in this process has loaded OpenCL.
  ::setenv("PROOFGRID_OPENCL_LIBRARY", "/nonexistent/libOpenCL.so.1", 1);
#ifdef PROOFGRID_HAVE_OPENCL
  bool listed = false;
  for (const auto& info : list_backends()) {
    if (info.name != "opencl") continue;
    listed = true;
    CHECK_FALSE(info.available);
    CHECK_THAT(info.reason, Catch::Contains("install") && Catch::Contains("ocl-icd-libopencl1"));
  }
  CHECK(listed);
  CHECK_THROWS_AS(create_backend("opencl"), BackendUnavailable);
  CHECK_THROWS_WITH(create_backend("opencl"), Catch::Contains("backend 'opencl' is not usable here") &&
                                                  Catch::Contains("pocl-opencl-icd"));
#else
  CHECK_THROWS_WITH(create_backend("opencl"), Catch::Contains("built without OpenCL"));
#endif
  ::unsetenv("PROOFGRID_OPENCL_LIBRARY");
}

TEST_CASE("auto calibrates the usable backends once, caches the result and says why", "[registry][auto]") {
  const test::TempDir dir("proofgrid-calibration");
  const auto file = dir / "calibration.json";
  ::setenv("PROOFGRID_CALIBRATION_CACHE", file.c_str(), 1);
  std::vector<BackendInfo> candidates;
  for (const auto& info : list_backends())
    if (info.available && info.name != "opencl") candidates.push_back(info);  // opencl: its own label
  const CalibrationResult first = calibrate(candidates, 1);
  CHECK_FALSE(first.from_cache);
  CHECK((first.choice == "cpu" || first.choice == "simd"));
  CHECK_THAT(first.why, Catch::Contains("VDF squarings/s") && Catch::Contains("MSM"));
  REQUIRE(first.figures.size() == candidates.size());
  for (const auto& [name, f] : first.figures) {
    CHECK(f.at("vdf_squarings_per_second") > 0);
    CHECK(f.at("msm_ms_n64") > 0);
  }
  REQUIRE(std::filesystem::exists(file));
  const CalibrationResult second = calibrate(candidates, 1);
  CHECK(second.from_cache);
  CHECK(second.choice == first.choice);
  // Another thread share (or another device set) is another key: calibrated afresh.
  CHECK_FALSE(calibrate(std::vector<BackendInfo>(candidates.begin(), candidates.begin() + 1), 1).from_cache);
  // A damaged cache file is ignored and rewritten.
  { std::ofstream(file) << "{ not json"; }
  CHECK_FALSE(calibrate(candidates, 1).from_cache);
  CHECK(nlohmann::json::parse(std::ifstream(file))["choice"].is_string());
  ::unsetenv("PROOFGRID_CALIBRATION_CACHE");
}

TEST_CASE("auto resolves to a usable backend and says why", "[registry][auto]") {
  const test::TempDir dir("proofgrid-calibration");
  ::setenv("PROOFGRID_CALIBRATION_CACHE", (dir / "c.json").c_str(), 1);
  ::setenv("PROOFGRID_OPENCL_LIBRARY", "/nonexistent/libOpenCL.so.1", 1);  // unit label: CPU only
  const auto choice = choose_auto_backend({1, ""});
  CHECK_FALSE(choice.why.empty());
  bool usable = false;
  for (const auto& info : list_backends()) usable |= info.name == choice.name && info.available;
  CHECK(usable);
  CHECK(create_backend("auto", {1, ""})->name() == choice.name);
  ::unsetenv("PROOFGRID_OPENCL_LIBRARY");
  ::unsetenv("PROOFGRID_CALIBRATION_CACHE");
}

TEST_CASE("the calibration cache follows PROOFGRID_CALIBRATION_CACHE and XDG_CACHE_HOME", "[registry][auto]") {
  ::setenv("PROOFGRID_CALIBRATION_CACHE", "off", 1);
  CHECK_FALSE(calibration_cache_path().has_value());
  ::unsetenv("PROOFGRID_CALIBRATION_CACHE");
  ::setenv("XDG_CACHE_HOME", "/var/tmp/xdg", 1);
  CHECK(calibration_cache_path() == std::filesystem::path("/var/tmp/xdg/proofgrid/backend-calibration.json"));
  ::unsetenv("XDG_CACHE_HOME");
}
