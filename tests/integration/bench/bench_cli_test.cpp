// `proofgrid bench --quick --json --chart F.svg`: the keys acceptance checks rely on, the
// chart, and `bench compare` on two saved runs. Figures are not asserted (shared machines).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/bench/xml_check.hpp"

using namespace proofgrid::test;

namespace {

void check_contract(const nlohmann::json& r) {
  for (const char* key : {"backends", "vdf", "kzg", "transport", "scaling", "recommendation"}) {
    INFO(key);
    CHECK(r.contains(key));
  }
  const auto& s = r["scaling"];
  REQUIRE(s["points"].is_array());
  CHECK(s["points"].size() >= 1);
  for (const char* key : {"sigma", "kappa", "r2", "fit_note"}) {
    INFO(key);
    CHECK(s.contains(key));
  }
  CHECK(s["sigma"].get<double>() >= 0);
  CHECK(s["kappa"].get<double>() >= 0);
  CHECK(r["recommendation"]["workers_per_machine"].get<int>() >= 1);
  CHECK(r["recommendation"]["poly_size"].get<int>() == 128);
  CHECK(r["vdf"]["backends"].contains("cpu"));
  CHECK(r["vdf"]["backends"]["cpu"]["squarings_per_second"].get<double>() > 0);
  CHECK(r["vdf"]["backends"]["cpu"]["solve_t200000"]["estimated"] == true);
  CHECK(r["kzg"]["backends"]["cpu"]["commit_ms_n1024"].get<double>() > 0);
  CHECK(r["transport"]["rtt_us_median"].get<double>() > 0);
}

}  // namespace

TEST_CASE("bench --json --chart prints the contract keys and writes a readable chart", "[cli][bench]") {
  TempDir dir("bench-cli");
  const auto chart = dir / "scaling.svg";
  // The contract command as acceptance checks run it (about 20-40 s on a loaded 2-core machine).
  const auto run = run_proofgrid({"bench", "--quick", "--json", "--chart", chart.string()}, std::chrono::seconds(200));
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto r = nlohmann::json::parse(run.out);
  check_contract(r);
  REQUIRE(std::filesystem::exists(chart));
  const auto xml = check_xml(read_file(chart));
  INFO(xml.error);
  CHECK(xml.ok);
  CHECK(xml.root == "svg");

  // compare: the run against itself gives ratio 1 for every figure.
  const auto a = dir.write("a.json", run.out);
  const auto cmp = run_proofgrid({"bench", "compare", a.string(), a.string(), "--json"});
  REQUIRE(cmp.exit_code == 0);
  const auto c = nlohmann::json::parse(cmp.out);
  CHECK(c["ratios"]["vdf.backends.cpu.squarings_per_second"]["ratio"] == 1.0);
  const auto missing = run_proofgrid({"bench", "compare", a.string(), (dir / "missing.json").string()});
  CHECK(missing.exit_code != 0);
  CHECK_THAT(missing.err, Catch::Contains("bench --json"));
}

TEST_CASE("bench --help teaches the suite and keeps the subcommands", "[cli][bench]") {
  const auto help = run_proofgrid({"bench", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("--chart") && Catch::Contains("compare") && Catch::Contains("Example"));
  CHECK_THAT(help.out, Catch::Contains("vdf") && Catch::Contains("kzg"));
  const auto compare = run_proofgrid({"bench", "compare", "--help"});
  CHECK(compare.exit_code == 0);
  CHECK_THAT(compare.out, Catch::Contains("Example") && Catch::Contains("proofgrid bench compare"));
  // The probe is internal: not listed.
  CHECK_THAT(help.out, !Catch::Contains("scaling-probe"));
}
