// `proofgrid chain simulate`: the public vector chain byte for byte, the text form, resuming
// through --store, errors and help.
#include "tests/integration/chain/chain_cli_support.hpp"

using namespace proofgrid::test;

TEST_CASE("chain simulate --json reproduces the vector records", "[chain][cli]") {
  const auto& c = vector_chain_json();
  auto args = simulate_args(c["P"].get<int>(), c["difficulty"].get<int>(), c["rounds_count"].get<int>());
  args.push_back("--json");
  const auto r = run_ok(args);
  const auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc.size() == 1);
  const auto& records = doc.at("records");
  const auto& want = c["records"];
  REQUIRE(records.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("record " << i);
    CHECK(records[i].size() == 4);
    CHECK(records[i].at("increment") == want[i]["increment"]);
    CHECK(records[i].at("idx") == want[i]["idx"]);
    CHECK(records[i].at("challenge") == want[i]["challenge_hex"]);
    CHECK(records[i].at("record_hex") == want[i]["record_hex"]);
  }
}

TEST_CASE("chain simulate prints a readable chain without --json", "[chain][cli]") {
  const auto r = run_ok(simulate_args(3, 200, 2));
  CHECK_THAT(r.out, Catch::Contains("2 rounds of 3 slots at T = 200 on cpu"));
  CHECK_THAT(r.out, Catch::Contains("round 1  P 3  T 200  C 02077db4"));
  CHECK_THAT(r.out, Catch::Contains("record 0  P 3  idx 2  challenge 0000"));
  CHECK_THAT(r.out, Catch::Contains(vector_chain_json()["records"][0]["record_sha3_256"].get<std::string>()));
}

TEST_CASE("chain simulate --store continues its chain byte for byte", "[chain][cli]") {
  TempDir dir("proofgrid-chain-cli");
  const std::string store = (dir / "chain.sqlite").string();
  auto with = [&](int rounds) {
    auto a = simulate_args(2, 50, rounds);
    a.insert(a.end(), {"--json", "--store", store});
    return nlohmann::json::parse(run_ok(a).out).at("records");
  };
  const auto first = with(3);   // rounds 0..2: records 0, 1
  const auto second = with(3);  // rounds 3..5: records 2, 3, 4
  auto straight_args = simulate_args(2, 50, 6);
  straight_args.push_back("--json");
  const auto straight = nlohmann::json::parse(run_ok(straight_args).out).at("records");
  REQUIRE(first.size() == 2);
  REQUIRE(second.size() == 3);
  REQUIRE(straight.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) CHECK((i < 2 ? first[i] : second[i - 2]) == straight[i]);

  // Another identity on the same store is refused.
  auto other = simulate_args(2, 51, 1);
  other.insert(other.end(), {"--store", store});
  const auto refused = run_proofgrid(other);
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("holds another chain") && Catch::Contains("difficulty"));
}

TEST_CASE("chain simulate explains bad input", "[chain][cli]") {
  auto bad_hex = simulate_args(3, 200, 2);
  bad_hex[3] = "xyz";
  auto r = run_proofgrid(bad_hex);
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("--peer-id") && Catch::Contains("hex"));

  r = run_proofgrid(simulate_args(0, 200, 2));
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("at least one slot"));

  auto unknown = simulate_args(1, 10, 1);
  unknown.insert(unknown.end(), {"--backend", "quantum"});
  r = run_proofgrid(unknown);
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("quantum"));

  // The public excerpt serves N <= 256: 200 slots need N = 1024.
  r = run_proofgrid(simulate_args(200, 10, 1));
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("1024"));
}

TEST_CASE("chain and verify help teach with examples", "[chain][cli][help]") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"chain", "--help"}, {"chain", "simulate", "--help"}, {"verify", "--help"}}) {
    const auto r = run_ok(args);
    CHECK_THAT(r.out, Catch::Contains("Example"));
    CHECK_THAT(r.out, Catch::Contains("proofgrid "));
  }
}
