// The store: one transaction per round (round k + record k-1), resume after reopening,
// refusal of gaps, duplicates and foreign chains, schema versions and a full disk.
#include <catch2/catch.hpp>

#include "engine/chain/record.hpp"
#include "tests/unit/store/store_test_support.hpp"

using namespace proofgrid;
using namespace proofgrid::store;
using namespace proofgrid::store::test;

namespace {

bool same_round(const chain::CommittedRound& a, const chain::CommittedRound& b) {
  return a.increment == b.increment && a.difficulty == b.difficulty && a.challenge == b.challenge &&
         a.outputs == b.outputs && a.digests == b.digests && a.commitment == b.commitment;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no exception)";
}

}  // namespace

TEST_CASE("each round is stored with the previous round's record", "[store]") {
  StoreDir d;
  Store store = Store::open(d.file, identity());
  CHECK_FALSE(store.head());
  CHECK_FALSE(store.load_head());
  append_reference(store, 0, 4);
  REQUIRE(store.head() == 3u);
  const auto& ref = reference_chain();
  for (std::uint64_t k = 0; k < 4; ++k) {
    INFO("increment " << k);
    const auto row = store.round(k);
    REQUIRE(row);
    CHECK(row->parallelism == p_of(k));
    CHECK(row->difficulty == ref[k].round.difficulty);
    CHECK(row->challenge == ref[k].round.challenge);
    CHECK(row->commitment == ref[k].round.commitment);
    CHECK(row->digests == ref[k].round.digests);
    if (k < 3) {
      REQUIRE(row->idx);
      CHECK(*row->idx == ref[k + 1].record->idx);
      CHECK(row->record == ref[k + 1].record->bytes);
    } else {
      CHECK_FALSE(row->idx);  // the head's record comes with the next round
      CHECK(row->record.empty());
    }
    // Outputs are kept only while the round is the head; attribution always.
    const auto slots = store.slots(k);
    REQUIRE(slots.size() == p_of(k));
    for (const auto& s : slots) CHECK(s.output.has_value() == (k == 3));
  }
  const StoreSummary sum = store.summary();
  CHECK(sum.rounds == 4);
  CHECK(sum.records == 3);
  CHECK(sum.first == 0u);
  CHECK(sum.head == 3u);
  CHECK(sum.head_commitment == ref[3].round.commitment);
}

TEST_CASE("a reopened store resumes exactly where it stopped", "[store]") {
  StoreDir d;
  {
    Store store = Store::open(d.file, identity());
    append_reference(store, 0, 3);
  }
  Store store = Store::open(d.file, identity());
  const auto head = store.load_head();
  REQUIRE(head);
  CHECK(same_round(*head, reference_chain()[2].round));
  // The chain continued from the stored head gives the reference rounds and records.
  chain::ChainState state(identity(), head);
  const auto more = chain::test::run_rounds(state, 3, p_of);
  for (const auto& r : more) store.append(r);
  for (std::size_t i = 0; i < more.size(); ++i) {
    INFO("round " << 3 + i);
    CHECK(same_round(more[i].round, reference_chain()[3 + i].round));
    CHECK(more[i].record->bytes == reference_chain()[3 + i].record->bytes);
  }
  CHECK(store.head() == 5u);
}

TEST_CASE("keep_all_outputs keeps every slot's output", "[store]") {
  StoreDir d;
  StoreOptions keep;
  keep.keep_all_outputs = true;
  Store store = Store::open(d.file, identity(), keep);
  append_reference(store, 0, 3);
  for (const auto& s : store.slots(0)) {
    REQUIRE(s.output);
    CHECK(*s.output == Bytes(reference_chain()[0].round.outputs[s.who.slot].begin(),
                             reference_chain()[0].round.outputs[s.who.slot].end()));
  }
}

TEST_CASE("the store refuses gaps, duplicates and records of another head", "[store]") {
  StoreDir d;
  Store store = Store::open(d.file, identity());
  const auto& ref = reference_chain();
  CHECK_THROWS_AS(store.append(ref[1]), StoreError);  // round 1 on an empty store
  append_reference(store, 0, 2);
  CHECK_THROWS_WITH(store.append(ref[1]), Catch::Contains("gap or a duplicate"));
  CHECK_THROWS_WITH(store.append(ref[3]), Catch::Contains("gap or a duplicate"));
  chain::RoundResult without_record = ref[2];
  without_record.record.reset();
  CHECK_THROWS_WITH(store.append(without_record), Catch::Contains("record of the stored head"));
  chain::RoundResult foreign_record = ref[2];
  foreign_record.record = ref[1].record;  // record 0, but the head is round 1
  CHECK_THROWS_AS(store.append(foreign_record), StoreError);
  chain::RoundResult wrong_challenge = ref[2];
  wrong_challenge.round.challenge[0] ^= 1;
  CHECK_THROWS_WITH(store.append(wrong_challenge), Catch::Contains("challenge"));
  std::vector<SlotAttribution> too_few(1);
  CHECK_THROWS_AS(store.append(ref[2], too_few), std::invalid_argument);
  // Nothing of the refused appends was written.
  CHECK(store.head() == 1u);
  CHECK(store.round(1)->record.empty());
  store.append(ref[2]);
  CHECK(store.head() == 2u);
}

TEST_CASE("a store holds one chain: another identity is refused with the reason", "[store]") {
  StoreDir d;
  { Store::open(d.file, identity()); }
  chain::ChainIdentity other = identity();
  other.peer_id[0] ^= 1;
  CHECK_THROWS_WITH(Store::open(d.file, other), Catch::Contains("peer id") && Catch::Contains("store.path"));
  other = identity();
  other.genesis.push_back(0);
  CHECK_THROWS_WITH(Store::open(d.file, other), Catch::Contains("genesis"));
  other = identity();
  other.fixed_difficulty = 0;
  CHECK_THROWS_WITH(Store::open(d.file, other), Catch::Contains("engine.difficulty"));
  CHECK(Store::open_read_only(d.file).identity() == identity());
}

TEST_CASE("the store is in WAL mode and versioned", "[store][schema]") {
  StoreDir d;
  { Store::open(d.file, identity()); }
  Database db(d.file, Database::Mode::read_only);
  Statement mode = db.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.text(0) == "wal");
  Statement version = db.prepare("PRAGMA user_version");
  REQUIRE(version.step());
  CHECK(version.integer(0) == kSchemaVersion);
  Statement app = db.prepare("PRAGMA application_id");
  REQUIRE(app.step());
  CHECK(app.integer(0) == kApplicationId);
}

TEST_CASE("schema problems give clear errors", "[store][schema]") {
  StoreDir d;
  SECTION("a newer schema is refused, not rewritten") {
    { Store::open(d.file, identity()); }
    exec_sql(d.file, "PRAGMA user_version = 7");
    const std::string why = message_of([&] { Store::open(d.file, identity()); });
    CHECK_THAT(why, Catch::Contains("schema version 7") && Catch::Contains("newer") &&
                        Catch::Contains(d.file.string()));
    CHECK_THROWS_WITH(Store::open_read_only(d.file), Catch::Contains("schema version 7"));
  }
  SECTION("another application's database") {
    exec_sql(d.file, "CREATE TABLE notes (t TEXT)");
    CHECK_THROWS_WITH(Store::open(d.file, identity()), Catch::Contains("not a proofgrid store"));
  }
  SECTION("a file that is not a database") {
    d.dir.write("store.sqlite", std::string(4096, 'x'));
    CHECK_THROWS_WITH(Store::open(d.file, identity()), Catch::Contains("not an intact SQLite store"));
  }
  SECTION("no store yet") {
    CHECK_THROWS_WITH(Store::open_read_only(d.file), Catch::Contains("no store at"));
  }
  SECTION("a directory that does not exist") {
    CHECK_THROWS_WITH(Store::open(d.dir / "missing" / "store.sqlite", identity()),
                      Catch::Contains("directory exists"));
  }
}

TEST_CASE("a full disk fails the append cleanly and the chain resumes after", "[store][full]") {
  StoreDir d;
  {
    Store store = Store::open(d.file, identity());
    append_reference(store, 0, 2);
  }
  {
    // Cap the file at its current size: the next round's pages cannot be allocated.
    StoreOptions capped;
    capped.after_open = [](sqlite3* db) {
      sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
      sqlite3_stmt* s = nullptr;
      sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &s, nullptr);
      sqlite3_step(s);
      const std::string cap = "PRAGMA max_page_count = " + std::to_string(sqlite3_column_int64(s, 0));
      sqlite3_finalize(s);
      sqlite3_exec(db, cap.c_str(), nullptr, nullptr, nullptr);
    };
    Store store = Store::open(d.file, identity(), capped);
    // A wide round (64 slots, ~33 KB of outputs) cannot fit in the free space of existing pages.
    chain::RoundResult wide = reference_chain()[2];
    wide.round.outputs.resize(64);
    wide.round.digests.resize(64 * 64);
    const std::string why = message_of([&] { store.append(wide); });
    CHECK_THAT(why, Catch::Contains(d.file.string()) && Catch::Contains("storing round 2") &&
                        Catch::Contains("full") && Catch::Contains("free space"));
    CHECK(store.head() == 1u);
    CHECK(store.round(1)->record.empty());  // never a partial record
  }
  Store store = Store::open(d.file, identity());
  const auto head = store.load_head();
  REQUIRE(head);
  CHECK(head->increment == 1);
  store.append(reference_chain()[2]);
  CHECK(store.round(1)->record == reference_chain()[2].record->bytes);
}
