// SRS loading: both ceremony layouts, every validation, the requirement errors, and generated
// insecure setups.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "engine/kzg/domain.hpp"
#include "engine/kzg/g1_codec.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/kzg/srs_generate.hpp"
#include "tests/unit/kzg/opening_check.hpp"
#include "tests/unit/kzg/test_helpers.hpp"

namespace proofgrid::kzg {
namespace {

using nlohmann::json;

// The excerpt cut down to 32 powers and the N = 16, 32 tables: quick to load, still complete.
json small_excerpt() {
  static const json full = proofgrid::test::load_json(test::excerpt_path());
  json j;
  j["powersOfTau"]["G1Powers"] = json(std::vector<json>(full["powersOfTau"]["G1Powers"].begin(),
                                                         full["powersOfTau"]["G1Powers"].begin() + 32));
  j["powersOfTau"]["G2Powers"] = json(std::vector<json>(full["powersOfTau"]["G2Powers"].begin(),
                                                         full["powersOfTau"]["G2Powers"].begin() + 2));
  for (const char* n : {"16", "32"}) {
    j["sized"]["rootOfUnity"][std::string("rootOfUnity") + n] = full["sized"]["rootOfUnity"][std::string("rootOfUnity") + n];
    j["sized"]["rootsOfUnity"][std::string("rootsOfUnity") + n] = full["sized"]["rootsOfUnity"][std::string("rootsOfUnity") + n];
    j["sized"]["G1FFT"][std::string("G1FFT") + n] = full["sized"]["G1FFT"][std::string("G1FFT") + n];
  }
  return j;
}

std::shared_ptr<const Srs> parse(const json& j, SrsLoadOptions options = {}) {
  return Srs::parse(j.dump(), "test.json", options);
}

// The error message of loading j (fails the test if it loads).
std::string load_error(const json& j) {
  try {
    SrsLoadOptions quiet;
    quiet.warn = [](const std::string&) {};
    parse(j, quiet);
  } catch (const SrsError& e) {
    return e.what();
  }
  FAIL("the SRS was accepted");
  return {};
}

std::string hex0x(ByteView b) { return "0x" + to_hex(b); }

TEST_CASE("the excerpt loads with every table validated", "[kzg][srs]") {
  const Srs& srs = test::excerpt();
  CHECK(srs.g1_powers().size() == 257);
  CHECK(srs.g2_powers().size() == 257);
  CHECK(srs.lagrange_sizes() == std::vector<std::size_t>{16, 32, 64, 128, 256});
  CHECK_FALSE(srs.insecure_note().has_value());
  CHECK(srs.layout() == SrsLayout::kOptimizedCeremony);
  CHECK(equal(srs.g1_powers()[0], g1_generator()));
}

TEST_CASE("root tables: spec values and the excerpt's tables", "[kzg][srs][roots]") {
  const std::map<std::size_t, std::string> spec = {
      {512, "11e54d640746aa0eb7d261b3d6c3a121289e9a3a74b6f362004d0bef1c61a603b8247e0bb9fc4512a710db221edb148d0858c55be4de6abff91ba74b8574887eeb"},
      {1024, "154bebffa8d9595483d1c2db1fc57adae6503a063a6426b41e56eed05f535d69a0879b8ce74462087008acc6841aaf02954a9c6be860f057f69f788ee10126fd"},
      {65536, "b55a06c6349b5f3767ec86a8ce3a8228491ce02670fd85bfd2a6511940b583e63ddb08f1b0bc1a02708997238b77a203a5141cab8e15aeebf16d4c2a98873af34"}};
  for (const auto& [n, hex] : spec) CHECK(fr_from_be(from_hex(hex.size() % 2 ? "0" + hex : hex)) == root_of_unity(n));
  const json full = proofgrid::test::load_json(test::excerpt_path());
  for (std::size_t n : {16U, 32U, 64U, 128U, 256U}) {
    const std::vector<Fr> t = roots_table(n);
    const json& file = full["sized"]["rootsOfUnity"]["rootsOfUnity" + std::to_string(n)];
    REQUIRE(file.size() == n + 1);
    for (std::size_t k = 0; k <= n; ++k) REQUIRE(fr_from_be(from_hex(file[k].get<std::string>())) == t[k]);
    // Real domains: omega has order exactly N.
    CHECK(pow(t[1], Limbs<1>{n}) == field_one<Fr>());
    CHECK_FALSE(pow(t[1], Limbs<1>{n / 2}) == field_one<Fr>());
  }
  // Pseudo-roots: omega^N != 1, and the table still ends with the literal 1.
  for (std::size_t n : {2048U, 65536U}) {
    CHECK_FALSE(pow(root_of_unity(n), Limbs<1>{n}) == field_one<Fr>());
    CHECK(roots_table(n).back() == field_one<Fr>());
  }
  CHECK_THROWS_WITH(root_of_unity(100), Catch::Contains("not supported"));
}

TEST_CASE("malformed SRS files are rejected with the file and the reason", "[kzg][srs]") {
  const json good = small_excerpt();
  REQUIRE_NOTHROW(parse(good));

  CHECK_THAT([] {
    try {
      Srs::parse("{ not json", "broken.json");
    } catch (const SrsError& e) {
      return std::string(e.what());
    }
    return std::string();
  }(), Catch::Contains("broken.json") && Catch::Contains("not valid JSON"));
  CHECK_THAT(load_error(json::object()), Catch::Contains("missing powersOfTau"));
  CHECK_THAT(load_error(json::array()), Catch::Contains("not a JSON object"));

  json j = good;
  j["powersOfTau"]["G1Powers"][3] = "0x1234";
  CHECK_THAT(load_error(j), Catch::Contains("test.json") && Catch::Contains("G1Powers[3]") && Catch::Contains("74"));

  j = good;
  j["powersOfTau"]["G1Powers"][3] = "0xzz";
  CHECK_THAT(load_error(j), Catch::Contains("G1Powers[3]"));

  j = good;
  std::swap(j["powersOfTau"]["G1Powers"][0], j["powersOfTau"]["G1Powers"][1]);
  CHECK_THAT(load_error(j), Catch::Contains("G1Powers[0] is not the standard generator"));

  // Bad prefix, x >= p, x off the curve, a point outside G1, infinity.
  Bytes p5 = from_hex(good["powersOfTau"]["G1Powers"][5].get<std::string>());
  Bytes bad = p5;
  bad[0] = 0x04;
  j = good;
  j["powersOfTau"]["G1Powers"][5] = hex0x(bad);
  CHECK_THAT(load_error(j), Catch::Contains("G1Powers[5]") && Catch::Contains("prefix"));
  bad = p5;
  limbs_to_be(FieldParams<Fp>::kModulus, bad.data() + 1, 73);
  j["powersOfTau"]["G1Powers"][5] = hex0x(bad);
  CHECK_THAT(load_error(j), Catch::Contains("G1Powers[5]") && Catch::Contains("not below the field prime"));
  std::mt19937_64 rng(40);
  for (;;) {
    const Fp x = test::random_field<Fp>(rng);
    const auto y = sqrt(square(x) * x + field_one<Fp>());
    G1Bytes enc{};
    enc[0] = 0x02;
    to_bytes73(x, enc.data() + 1);
    j["powersOfTau"]["G1Powers"][5] = hex0x(enc);
    if (!y) {
      CHECK_THAT(load_error(j), Catch::Contains("not on the curve"));
    } else {
      CHECK_THAT(load_error(j), Catch::Contains("G1Powers[5]") && Catch::Contains("not in the order-r subgroup"));
      // A trusted-file load without subgroup checks still catches it: the Lagrange tables no
      // longer match the powers.
      SrsLoadOptions trusted;
      trusted.check_subgroup = false;
      CHECK_THROWS_AS(parse(j, trusted), SrsError);
      break;
    }
  }
  j = good;
  j["powersOfTau"]["G1Powers"][5] = hex0x(compress(G1Affine{}));
  CHECK_THAT(load_error(j), Catch::Contains("infinity"));

  j = good;
  j["sized"]["rootsOfUnity"]["rootsOfUnity16"][5] = j["sized"]["rootsOfUnity"]["rootsOfUnity16"][6];
  CHECK_THAT(load_error(j), Catch::Contains("rootsOfUnity16[5]") && Catch::Contains("differs"));
  j = good;
  j["sized"]["rootOfUnity"]["rootOfUnity32"] = j["sized"]["rootOfUnity"]["rootOfUnity16"];
  CHECK_THAT(load_error(j), Catch::Contains("rootOfUnity32"));
  j = good;
  j["sized"]["rootsOfUnity"]["rootsOfUnity16"].erase(16);
  CHECK_THAT(load_error(j), Catch::Contains("must list 17"));
  j = good;
  j["sized"]["G1FFT"]["G1FFT16"].erase(15);
  CHECK_THAT(load_error(j), Catch::Contains("G1FFT16 has 15 points"));
  j = good;
  std::swap(j["sized"]["G1FFT"]["G1FFT32"][3], j["sized"]["G1FFT"]["G1FFT32"][4]);
  CHECK_THAT(load_error(j), Catch::Contains("G1FFT32 is not the inverse FFT"));
  j = good;
  j["sized"]["G1FFT"]["G1FFT100"] = json::array();
  CHECK_THAT(load_error(j), Catch::Contains("G1FFT100") && Catch::Contains("supported"));
  j = good;
  j["powersOfTau"]["G2Powers"][1] = "0x05" + std::string(2 * 584, '0');
  CHECK_THAT(load_error(j), Catch::Contains("G2Powers[1]") && Catch::Contains("prefix"));
  j = good;
  std::swap(j["powersOfTau"]["G2Powers"][0], j["powersOfTau"]["G2Powers"][1]);
  CHECK_THAT(load_error(j), Catch::Contains("G2Powers[0] is not the standard generator G2"));
  j = good;
  Bytes g2 = from_hex(j["powersOfTau"]["G2Powers"][1].get<std::string>());
  g2[1 + 72] ^= 1U;  // x c7's last byte: almost surely off the twist
  j["powersOfTau"]["G2Powers"][1] = hex0x(g2);
  CHECK_THAT(load_error(j), Catch::Contains("G2Powers[1]") && Catch::Contains("twist"));

  CHECK_THROWS_WITH(Srs::load("/nonexistent/srs.json"), Catch::Contains("/nonexistent/srs.json"));
}

TEST_CASE("ceremony.json layout: powers plus one Lagrange table", "[kzg][srs]") {
  const json small = small_excerpt();
  json j;
  j["powersOfTau"]["G1Powers"] = small["powersOfTau"]["G1Powers"];
  j["powersOfTau"]["G2Powers"] = small["powersOfTau"]["G2Powers"];
  j["powersOfTau"]["G1FFT"] = small["sized"]["G1FFT"]["G1FFT32"];
  j["potPubKey"] = small["powersOfTau"]["G2Powers"][1];
  const auto srs = parse(j);
  CHECK(srs->layout() == SrsLayout::kCeremony);
  CHECK(srs->lagrange_sizes() == std::vector<std::size_t>{32});
  // N = 16 has no table here: commit goes through the powers and gives the same bytes.
  CHECK_FALSE(srs->commit_uses_lagrange(16));
  std::mt19937_64 rng(41);
  Bytes data(64 * 11);
  for (auto& b : data) b = static_cast<std::uint8_t>(rng());
  CHECK(commit_raw(*srs, data, 16) == commit_raw(test::excerpt(), data, 16));
  CHECK(commit_raw(*srs, data, 32) == commit_raw(test::excerpt(), data, 32));
  CHECK(prove_raw(*srs, data, 9, 32) == prove_raw(test::excerpt(), data, 9, 32));
}

TEST_CASE("size requirements name the file and the shortfall", "[kzg][srs]") {
  const Srs& srs = test::excerpt();
  CHECK_THROWS_WITH(srs.require_prove(1024), Catch::Contains("quilibrium-ceremony-excerpt-n256.json") &&
                                                 Catch::Contains("257 G1 powers") && Catch::Contains("needs 1023") &&
                                                 Catch::Contains("srs generate --size 1024"));
  CHECK_THROWS_WITH(srs.require_commit(512), Catch::Contains("G1FFT512") && Catch::Contains("512 powers"));
  CHECK_THROWS_WITH(srs.require_commit(2048), Catch::Contains("G1FFT2048") && Catch::Contains("production"));
  CHECK_THROWS_AS(srs.require_commit(100), std::invalid_argument);
  CHECK_NOTHROW(srs.require_commit(256));
  CHECK_NOTHROW(srs.require_prove(256));
  Bytes data(64);
  CHECK_THROWS_AS(commit(srs, data, 1024), SrsError);
  CHECK_THROWS_AS(prove(srs, data, 0, 65536), SrsError);
}

TEST_CASE("generated insecure setups load, warn, and open correctly", "[kzg][srs][generate]") {
  GeneratedSrsInfo info;
  const json doc = generate_insecure_srs(64, "unit-test-seed", &info);
  CHECK(info.g1_powers == 65);
  CHECK(info.lagrange_tables == 3);
  CHECK(info.g2_powers == 2);
  CHECK(doc.at("insecure").get<std::string>().find("INSECURE") != std::string::npos);
  std::vector<std::string> warnings;
  SrsLoadOptions options;
  options.warn = [&](const std::string& w) { warnings.push_back(w); };
  const auto srs = parse(doc, options);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::Contains("INSECURE") && Catch::Contains("test.json"));
  CHECK(srs->insecure_note().has_value());
  CHECK(srs->lagrange_sizes() == std::vector<std::size_t>{16, 32, 64});
  REQUIRE(srs->g2_tau().has_value());
  CHECK(on_curve(*srs->g2_tau()));
  // Same seed, same file; another seed, another tau.
  CHECK(generate_insecure_srs(64, "unit-test-seed") == doc);
  CHECK_FALSE(generate_insecure_srs(64, "other-seed")["powersOfTau"]["G1Powers"][1] == doc["powersOfTau"]["G1Powers"][1]);
  // Openings verify against the powers (spec §8.4) at every size.
  std::mt19937_64 rng(42);
  for (std::size_t n : {16U, 32U, 64U}) {
    Bytes data(64 * (n / 2) + 17);
    for (auto& b : data) b = static_cast<std::uint8_t>(rng());
    const std::size_t idx = rng() % n;
    const G1Bytes c = commit_raw(*srs, data, n), pi = prove_raw(*srs, data, idx, n);
    const std::vector<Scalar> v = data_scalars(data, n);
    Bytes y(64);
    limbs_to_be(v[idx], y.data(), 64);
    CHECK(test::opening_identity_holds(*srs, data, c, idx, y, pi, n));
  }
  CHECK_THROWS_AS(generate_insecure_srs(8, "x"), std::invalid_argument);
  CHECK_THROWS_AS(generate_insecure_srs(64, ""), std::invalid_argument);
}

TEST_CASE("a tampered generated table is caught by the consistency check", "[kzg][srs][generate]") {
  json doc = generate_insecure_srs(32, "tamper");
  // Replace one Lagrange point by a different valid G1 point (in the subgroup, on the curve).
  doc["sized"]["G1FFT"]["G1FFT32"][7] = doc["powersOfTau"]["G1Powers"][7];
  CHECK_THAT(load_error(doc), Catch::Contains("G1FFT32 is not the inverse FFT"));
}

}  // namespace
}  // namespace proofgrid::kzg
