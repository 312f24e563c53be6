// `proofgrid vdf solve|verify` as operators and scripts use it: the real binary, its output
// and exit codes (label integration: it starts processes).
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <sys/wait.h>

#include "tests/support/paths.hpp"

namespace {

struct Run {
  int code;
  std::string out;
};

Run run(const std::string& args) {
  const std::string cmd = proofgrid::test::proofgrid_binary().string() + " " + args + " 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// A field of the public vector made from `seed`.
std::string vector_field(const std::string& seed, const char* field) {
  const auto all = proofgrid::test::load_json(proofgrid::test::shared_dir() / "vectors" / "vdf_wesolowski_2048.json");
  for (const auto& v : all["vectors"])
    if (v["challenge_seed"] == seed) return v[field];
  FAIL("no vector " << seed);
  return {};
}

std::string vector_output(const std::string& seed) { return vector_field(seed, "output_hex"); }

}  // namespace

TEST_CASE("vdf solve prints the vector's output for --seed-text and --challenge", "[vdf][cli]") {
  const std::string want = vector_output("vector-4") + "\n";
  const std::string hex = vector_field("vector-4", "challenge_hex");
  CHECK(run("vdf solve --seed-text vector-4 --difficulty 100").out == want);
  CHECK(run("vdf solve --challenge " + hex + " --difficulty 100").out == want);
  // --challenge and --seed-text exclude each other; bad hex is a usage error.
  CHECK(run("vdf solve --challenge " + hex + " --seed-text vector-4 --difficulty 100").code > 1);
  CHECK(run("vdf solve --challenge 5ea5zz --difficulty 100").code > 1);
}

TEST_CASE("vdf verify exits 0 for valid, 1 for invalid, other codes for usage errors", "[vdf][cli]") {
  const std::string out = vector_output("vector-5");
  Run r = run("vdf verify --seed-text vector-5 --difficulty 1000 --output " + out);
  CHECK(r.code == 0);
  CHECK(r.out == "valid\n");
  r = run("vdf verify --seed-text vector-5 --difficulty 1001 --output " + out);
  CHECK(r.code == 1);
  CHECK(r.out == "invalid\n");
  r = run("vdf verify --seed-text vector-5 --difficulty 1000 --output " + out.substr(0, 100));
  CHECK(r.code == 1);
  CHECK(run("vdf verify --seed-text vector-5 --difficulty 1000 --output zz").code > 1);
  CHECK(run("vdf verify --difficulty 1000 --output " + out).code > 1);
}
