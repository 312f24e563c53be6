// The `kzg` and `srs` commands of the proofgrid binary, end to end.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

#include "tests/support/paths.hpp"

namespace {

struct Result {
  int status = -1;
  std::string out;  // stdout and stderr together
};

Result run(const std::string& args) {
  const std::string cmd = proofgrid::test::proofgrid_binary().string() + " " + args + " 2>&1";
  Result r;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) r.out += buf.data();
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

std::string excerpt() {
  return (proofgrid::test::shared_dir() / "srs/quilibrium-ceremony-excerpt-n256.json").string();
}

// The short-tail vector of shared/vectors/kzg_bls48581.json.
const char* kShortTail =
    "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233"
    "3435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f6061626364";

TEST_CASE("kzg commit and prove print the reference bytes", "[kzg][cli]") {
  const Result c = run("kzg commit --poly-size 16 --srs " + excerpt() + " --data 0x" + kShortTail);
  CHECK(c.status == 0);
  CHECK(c.out ==
        "030c615cd0bf38185fbc592bcea4762fa37c75e1a9cf646a18ad4cd1c1d9bb2fc448026ec3e7a3873e4bf7d9ac6e409aaa44665cab62"
        "074b9825e331f13e37dda7ccfcdad7247c59e472\n");
  const Result p = run("kzg prove --poly-size 16 --index 1 --srs " + excerpt() + " --data " + kShortTail);
  CHECK(p.status == 0);
  CHECK(p.out ==
        "0203fcf832c0713922e8c970b79fccafdea802df9f90b71d43ca407c0647f26fb8a733ea5426ccef50bd6949563a03894b43e6171ba0"
        "b585d2f40a6aeb5d198126dfbcd6958cf7fb5e32\n");
}

TEST_CASE("kzg errors say what is wrong and exit non-zero", "[kzg][cli]") {
  Result r = run("kzg commit --poly-size 512 --data 01 --srs " + excerpt());
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("G1FFT512") && Catch::Contains("srs generate"));
  r = run("kzg prove --poly-size 16 --index 16 --data 01 --srs " + excerpt());
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("outside 0..15"));
  r = run("kzg commit --poly-size 16 --data 0xzz --srs " + excerpt());
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("hex"));
  r = run("kzg commit --poly-size 16 --data 01 --srs /nonexistent.json");
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("/nonexistent.json"));
  r = run("kzg commit --help");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("Example"));
}

TEST_CASE("srs generate writes a marked setup that kzg and srs info use", "[kzg][cli][srs]") {
  const auto dir = std::filesystem::temp_directory_path() / ("proofgrid-kzg-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "srs-32.json").string();
  Result r = run("srs generate --size 32 --insecure-tau-seed cli-test --out " + file);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("INSECURE") && Catch::Contains("33 G1 powers"));
  r = run("srs info " + file);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("INSECURE") && Catch::Contains("validation: ok") && Catch::Contains("prove at:   16 32"));
  r = run("kzg commit --poly-size 32 --data 01 --srs " + file);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("WARNING") && Catch::Contains("INSECURE"));
  r = run("srs generate --size 4 --insecure-tau-seed x --out " + file);
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("at least 16"));
  std::filesystem::remove_all(dir);
}

}  // namespace
