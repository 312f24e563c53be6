// `proofgrid verify --config DIR [--json]`: exit status and the JSON contract on a good
// store, a tampered store and a store with a gap.
#include "node/store/sqlite.hpp"
#include "tests/integration/chain/chain_cli_support.hpp"

using namespace proofgrid;
using namespace proofgrid::test;

namespace {

// A config directory whose store.path holds 6 simulated rounds (records 0..4).
struct ChainDir {
  TempDir dir{"proofgrid-verify-cli"};
  std::filesystem::path store = dir / "chain.sqlite";
  ChainDir() {
    dir.write("config.yml", "store:\n  path: chain.sqlite\n");
    auto a = simulate_args(3, 60, 6);
    a.insert(a.end(), {"--store", store.string()});
    run_ok(a);
  }
  ProcessResult verify(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"verify", "--config", dir.path().string(), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_proofgrid(args, std::chrono::seconds(120));
    REQUIRE_FALSE(r.timed_out);
    REQUIRE_FALSE(r.signaled);
    return r;
  }
  void sql(const std::string& statement) const {
    store::Database db(store, store::Database::Mode::read_write_create);
    db.exec(statement);
  }
  // Flips the last bit of record k (its opening proof).
  void tamper_record(std::int64_t k) const {
    store::Database db(store, store::Database::Mode::read_write_create);
    auto get = db.prepare("SELECT record FROM rounds WHERE increment = ?");
    get.bind(1, k);
    REQUIRE(get.step());
    Bytes record = get.blob(0);
    record.back() ^= 1;
    db.prepare("UPDATE rounds SET record = ? WHERE increment = ?").bind(1, ByteView(record)).bind(2, k).run();
  }
};

nlohmann::json summary(const ProcessResult& r) {
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("verify: a good store exits 0 with every record valid", "[verify][cli]") {
  ChainDir d;
  const auto r = d.verify();
  CHECK(r.exit_code == 0);
  CHECK(summary(r) == nlohmann::json{{"records", 5}, {"valid", 5}, {"invalid", 0}, {"gaps", 0}, {"head", 5}});

  const auto text = run_ok({"verify", "--config", d.dir.path().string()});
  CHECK_THAT(text.out, Catch::Contains("5 records checked: 5 valid, 0 invalid, 0 missing"));
  CHECK_THAT(text.out, Catch::EndsWith("OK\n"));

  const auto range = d.verify({"--from", "1", "--to", "2"});
  CHECK(range.exit_code == 0);
  CHECK(summary(range)["records"] == 2);
}

TEST_CASE("verify: a tampered record exits 1 and names it", "[verify][cli]") {
  ChainDir d;
  d.tamper_record(2);
  const auto r = d.verify();
  CHECK(r.exit_code == 1);
  CHECK(summary(r) == nlohmann::json{{"records", 5}, {"valid", 4}, {"invalid", 1}, {"gaps", 0}, {"head", 5}});
  CHECK_THAT(r.err, Catch::Contains("invalid record 2"));
}

TEST_CASE("verify: a store with a gap exits 1", "[verify][cli]") {
  ChainDir d;
  d.sql("DELETE FROM rounds WHERE increment = 3");
  const auto r = d.verify();
  CHECK(r.exit_code == 1);
  CHECK(summary(r) == nlohmann::json{{"records", 4}, {"valid", 4}, {"invalid", 0}, {"gaps", 1}, {"head", 5}});
  CHECK_THAT(r.err, Catch::Contains("gap: increment 3 has no record"));
}

TEST_CASE("verify: no store is an error that says where it looked", "[verify][cli]") {
  TempDir dir("proofgrid-verify-cli");
  dir.write("config.yml", "store:\n  path: none.sqlite\n");
  const auto r = run_proofgrid({"verify", "--config", dir.path().string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("no store at") && Catch::Contains("none.sqlite"));
}
