// `bench compare`: ratios of every numeric leaf two runs share.
#include <cmath>

#include <catch2/catch.hpp>

#include "benchmarks/suite/compare.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/temp_dir.hpp"

using namespace proofgrid::bench;
using Json = nlohmann::ordered_json;

TEST_CASE("compare two small run files", "[bench][compare]") {
  proofgrid::test::TempDir dir("bench-compare");
  const auto a = dir.write("a.json", R"({"mode":"quick","vdf":{"cpu":{"squarings_per_second":1000,"ok":true}},
    "scaling":{"points":[{"workers":1,"throughput":2.0},{"workers":2,"throughput":3.0}]},"zero":0,"only_a":5})");
  const auto b = dir.write("b.json", R"({"mode":"full","vdf":{"cpu":{"squarings_per_second":1500,"ok":false}},
    "scaling":{"points":[{"workers":1,"throughput":2.5},{"workers":2,"throughput":3.0}]},"zero":3,"only_b":[1]})");
  const Json ja = Json::parse(proofgrid::test::read_file(a)), jb = Json::parse(proofgrid::test::read_file(b));
  const Comparison c = compare_runs(ja, jb);
  REQUIRE(c.common.size() == 6);
  CHECK(c.common[0].path == "vdf.cpu.squarings_per_second");
  CHECK(c.common[0].ratio == Approx(1.5));
  CHECK(c.common[1].path == "scaling.points[0].workers");
  CHECK(c.common[1].ratio == 1.0);
  CHECK(c.common[2].path == "scaling.points[0].throughput");
  CHECK(c.common[2].ratio == Approx(1.25));
  CHECK(c.common[5].path == "zero");
  CHECK(std::isnan(c.common[5].ratio));
  CHECK(c.only_a == std::vector<std::string>{"only_a"});
  CHECK(c.only_b == std::vector<std::string>{"only_b[0]"});

  const Json j = to_json(c);
  CHECK(j["ratios"]["vdf.cpu.squarings_per_second"]["ratio"] == 1.5);
  CHECK(j["ratios"]["zero"]["ratio"].is_null());
  const std::string table = to_table(c, "a.json", "b.json");
  CHECK(table.find("vdf.cpu.squarings_per_second") != std::string::npos);
  CHECK(table.find("1.500x") != std::string::npos);
  CHECK(table.find("1 figure(s) only in A") != std::string::npos);
}

TEST_CASE("numeric leaves skip strings and booleans", "[bench][compare]") {
  const auto leaves = numeric_leaves(Json::parse(R"({"a":"x","b":true,"c":[1,{"d":2.5}],"e":null})"));
  REQUIRE(leaves.size() == 2);
  CHECK(leaves[0].path == "c[0]");
  CHECK(leaves[1].path == "c[1].d");
  CHECK(leaves[1].value == 2.5);
}
