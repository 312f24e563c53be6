// verify_store over a stored chain: a good store, each kind of tampering with the rows, a
// gap, and ranges.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>

#include "node/store/verify.hpp"
#include "tests/unit/store/store_test_support.hpp"

using namespace proofgrid;
using namespace proofgrid::store;
using namespace proofgrid::store::test;

namespace {

// A store holding reference rounds 0..7 (records 0..6).
struct GoodStore : StoreDir {
  GoodStore() {
    Store store = Store::open(file, identity());
    append_reference(store, 0, 8);
  }
  StoreVerification verify(const VerifyOptions& options = {}) const {
    return verify_store(Store::open_read_only(file), excerpt(), options);
  }
};

bool problem_is(const StoreVerification& v, std::uint64_t k, chain::Check check) {
  for (const auto& p : v.problems)
    if (p.increment == k)
      for (const auto& f : p.failures)
        if (f.check == check) return true;
  return false;
}

}  // namespace

TEST_CASE("a good store verifies", "[store][verify]") {
  GoodStore s;
  const StoreVerification v = s.verify();
  CHECK(v.ok());
  CHECK(v.records == 7);
  CHECK(v.valid == 7);
  CHECK(v.invalid == 0);
  CHECK(v.gaps == 0);
  CHECK(v.head == 7u);
}

TEST_CASE("an empty store has nothing to verify", "[store][verify]") {
  StoreDir d;
  { Store::open(d.file, identity()); }
  const StoreVerification v = verify_store(Store::open_read_only(d.file), excerpt());
  CHECK(v.ok());
  CHECK(v.records == 0);
  CHECK_FALSE(v.head);
}

TEST_CASE("tampered rows are found", "[store][verify]") {
  using chain::Check;
  auto flip = [](const char* column, std::uint64_t k, std::size_t at) {
    return [=](const std::filesystem::path& file) {
      edit_blob(file, column, k, [&](Bytes& b) { b[at < b.size() ? at : b.size() - 1] ^= 1; });
    };
  };
  struct Tampering {
    const char* what;
    std::function<void(const std::filesystem::path&)> apply;
    std::optional<std::uint64_t> invalid;  // nullopt: at least the records in `found`
    std::vector<std::pair<std::uint64_t, Check>> found;
  };
  const std::vector<Tampering> cases = {
      {"a record's proof", flip("record", 3, SIZE_MAX), 1, {{3, Check::opening}}},
      {"a record's commitment: its own check and the next record's continuity", flip("record", 2, 4 + 516 + 10), 2,
       {{2, Check::commitment}, {3, Check::continuity}}},
      {"a digest", flip("digests", 4, 7), 1, {{4, Check::commitment}}},
      {"a round's commitment column", flip("commitment", 5, 20), std::nullopt, {{5, Check::commitment}}},
      {"the difficulty column",
       [](const std::filesystem::path& file) {
         exec_sql(file, "UPDATE rounds SET difficulty = difficulty + 1 WHERE increment = 1");
       },
       1, {{1, Check::vdf}}},
      {"the opened output", flip("record", 0, 200), 1, {{0, Check::vdf}, {0, Check::digest}}},
  };
  for (const auto& t : cases) {
    INFO(t.what);
    GoodStore s;
    t.apply(s.file);
    const auto v = s.verify();
    CHECK_FALSE(v.ok());
    if (t.invalid) CHECK(v.invalid == *t.invalid);
    CHECK(v.invalid >= 1);
    for (const auto& [k, check] : t.found) CHECK(problem_is(v, k, check));
  }
}

TEST_CASE("missing rows are gaps", "[store][verify]") {
  GoodStore s;
  exec_sql(s.file, "DELETE FROM rounds WHERE increment IN (2, 3)");
  const auto v = s.verify();
  CHECK(v.gaps == 2);
  REQUIRE(v.gap_runs.size() == 1);
  CHECK(v.gap_runs[0].first == 2);
  CHECK(v.gap_runs[0].last == 3);
  CHECK(v.records == 5);
  CHECK(v.invalid == 0);  // the neighbours' links cannot be checked, but nothing is wrong
  CHECK_FALSE(v.ok());

  exec_sql(s.file, "UPDATE rounds SET record = NULL, idx = NULL WHERE increment = 5");
  CHECK(s.verify().gaps == 3);
}

TEST_CASE("verification can be limited to a range", "[store][verify]") {
  GoodStore s;
  edit_blob(s.file, "record", 1, [](Bytes& b) { b[b.size() - 1] ^= 1; });
  VerifyOptions later;
  later.from = 2;
  later.to = 4;
  std::uint64_t reported = 0;
  later.progress = [&](std::uint64_t done, std::uint64_t total) {
    reported = done;
    CHECK(total == 3);
  };
  const auto v = s.verify(later);
  CHECK(v.ok());
  CHECK(v.records == 3);
  CHECK(reported == 3);
  VerifyOptions beyond;
  beyond.from = 100;
  CHECK(s.verify(beyond).records == 0);
  CHECK_FALSE(s.verify().ok());
}
