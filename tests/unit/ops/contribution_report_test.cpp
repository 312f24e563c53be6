// `proofgrid report`'s arithmetic: per worker rows placed at their slot, per machine sums,
// shares of all squarings, workers no longer in the config kept (last), JSON and table.
#include <catch2/catch.hpp>

#include "node/config/loader.hpp"
#include "node/ops/contribution_report.hpp"
#include "tests/support/paths.hpp"

using namespace proofgrid;

namespace {

config::SlotTable table() {
  auto cfg = config::parse_config(
      "engine:\n  dataWorkerMultiaddrs:\n    - /ip4/10.0.0.1/tcp/40000\n    - /ip4/10.0.0.2/tcp/40001\n"
      "    - /ip4/10.0.0.2/tcp/40002\n",
      "/cfg/config.yml", config::Environment{2, test::shared_dir()});
  return config::build_slot_table(cfg);
}

store::HostContribution row(std::string address, std::uint64_t proofs, std::uint64_t t, double seconds) {
  return {std::move(address), store::ContributionTotals{proofs, proofs * t, proofs, 0, seconds}};
}

}  // namespace

TEST_CASE("contributions per worker and per machine, with shares of the squarings", "[ops][report]") {
  const auto r = ops::make_contribution_report({row("/ip4/10.0.0.2/tcp/40002", 2, 1000, 3.0),
                                                row("/ip4/10.0.0.1/tcp/40000", 4, 1000, 2.0),
                                                row("/ip4/10.0.0.9/tcp/40009", 2, 1000, 1.0),
                                                row("/ip4/10.0.0.2/tcp/40001", 2, 1000, 1.0)},
                                               table(), 5, 12);
  REQUIRE(r.workers.size() == 4);
  CHECK(r.workers[0].slot == std::optional<std::size_t>(0));
  CHECK(r.workers[0].core == std::optional<unsigned>(1));
  CHECK(r.workers[0].share == Approx(0.4));
  CHECK(r.workers[0].mean_prove_seconds() == Approx(0.5));
  CHECK(r.workers[2].slot == std::optional<std::size_t>(2));
  CHECK_FALSE(r.workers[3].slot);  // removed from the config: still credited, listed last
  CHECK(r.total.proofs == 10);
  CHECK(r.total.squarings == 10000);
  REQUIRE(r.hosts.size() == 3);
  CHECK(r.hosts[1].name == "10.0.0.2");
  CHECK(r.hosts[1].workers == 2);
  CHECK(r.hosts[1].totals.proofs == 4);
  CHECK(r.hosts[1].share == Approx(0.4));

  const auto j = ops::to_json(r);
  CHECK(j["since"] == 5);
  CHECK(j["head"] == 12);
  CHECK(j["slots"][3]["slot"].is_null());
  CHECK(j["hosts"][0]["host"] == "10.0.0.1");
  const std::string text = ops::format_contribution_report(r);
  CHECK_THAT(text, Catch::Contains("from increment 5 to 12: 10 proofs, 10000 squarings"));
  CHECK_THAT(text, Catch::Contains("--core 3") && Catch::Contains("40.00%"));
}

TEST_CASE("an empty store reports zero contributions", "[ops][report]") {
  const auto r = ops::make_contribution_report({}, table(), 0, std::nullopt);
  CHECK(r.workers.empty());
  CHECK(r.total.proofs == 0);
  CHECK_THAT(ops::format_contribution_report(r), Catch::Contains("(no rounds stored)"));
}
