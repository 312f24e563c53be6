#include "node/store/schema.hpp"

#include <chrono>
#include <string>

#include "node/store/store.hpp"

namespace proofgrid::store {
namespace {

// Version 1. The round row doubles as the record row: the record of increment k is written
// into row k by the transaction that inserts row k+1.
constexpr const char* kCreateTables = R"sql(
CREATE TABLE chain (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  peer_id     BLOB NOT NULL,
  genesis     BLOB NOT NULL,
  difficulty  INTEGER NOT NULL,          -- 0: the schedule D(k)
  created_unix_ms INTEGER NOT NULL
);
CREATE TABLE rounds (
  increment       INTEGER PRIMARY KEY,
  parallelism     INTEGER NOT NULL,
  difficulty      INTEGER NOT NULL,
  challenge       BLOB NOT NULL,         -- C_{k-1}
  commitment      BLOB NOT NULL,         -- C_k
  digests         BLOB NOT NULL,         -- h_0 .. h_{P-1}
  started_unix_ms INTEGER NOT NULL,
  solve_seconds   REAL NOT NULL,
  commit_seconds  REAL NOT NULL,
  stored_unix_ms  INTEGER NOT NULL,
  idx             INTEGER,               -- record: NULL until round k+1 is stored
  record          BLOB,
  record_prove_seconds REAL
);
CREATE TABLE slots (
  increment     INTEGER NOT NULL REFERENCES rounds(increment) ON DELETE CASCADE,
  slot          INTEGER NOT NULL,
  core          INTEGER NOT NULL,
  host          TEXT NOT NULL,
  prove_seconds REAL NOT NULL,
  attempts      INTEGER NOT NULL,
  reassigned    INTEGER NOT NULL,
  output        BLOB,                    -- NULL once the round's record is stored
  PRIMARY KEY (increment, slot)
) WITHOUT ROWID;
CREATE INDEX slots_by_host ON slots (host, increment);
)sql";

std::int64_t pragma_int(Database& db, const char* pragma) {
  Statement s = db.prepare(std::string("PRAGMA ") + pragma);
  return s.step() ? s.integer(0) : 0;
}

bool has_tables(Database& db) {
  Statement s = db.prepare("SELECT count(*) FROM sqlite_master");
  return s.step() && s.integer(0) > 0;
}

StoreError not_ours(const Database& db) {
  return StoreError("store " + db.file().string() +
                    " is an SQLite file but not a proofgrid store; set store.path to another file");
}

}  // namespace

void prepare_schema(Database& db, bool writable) {
  ActivityScope scope(db, "opening");
  const std::int64_t version = pragma_int(db, "user_version");
  if (version > kSchemaVersion)
    throw StoreError("store " + db.file().string() + " has schema version " + std::to_string(version) +
                     ", newer than this proofgrid reads (" + std::to_string(kSchemaVersion) +
                     "); run the proofgrid version that wrote it, or a newer one");
  if (version > 0 && pragma_int(db, "application_id") != kApplicationId) throw not_ours(db);
  if (version == 0 && has_tables(db)) throw not_ours(db);
  if (!writable) {
    if (version == 0)
      throw StoreError("store " + db.file().string() + " is empty: the node has not stored a round yet");
    return;
  }
  // WAL lets verify read while the node writes; FULL syncs the WAL at every commit, so a
  // returned append is on disk.
  if (Statement wal = db.prepare("PRAGMA journal_mode=WAL"); !wal.step() || wal.text(0) != "wal")
    throw StoreError("store " + db.file().string() +
                     ": cannot switch to WAL mode (a network file system?); put store.path on a local disk");
  db.exec("PRAGMA synchronous=FULL");
  db.exec("PRAGMA foreign_keys=ON");
  if (version == 0) {
    ActivityScope creating(db, "creating the tables");
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(kCreateTables);
      db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
      db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
      db.exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
}

std::optional<chain::ChainIdentity> read_identity(Database& db) {
  Statement s = db.prepare("SELECT peer_id, genesis, difficulty FROM chain WHERE id = 1");
  if (!s.step()) return std::nullopt;
  return chain::ChainIdentity{s.blob(0), s.blob(1), static_cast<std::uint32_t>(s.integer(2))};
}

void write_identity(Database& db, const chain::ChainIdentity& identity) {
  ActivityScope scope(db, "recording the chain's identity");
  db.prepare("INSERT INTO chain (id, peer_id, genesis, difficulty, created_unix_ms) VALUES (1, ?, ?, ?, ?)")
      .bind(1, ByteView(identity.peer_id))
      .bind(2, ByteView(identity.genesis))
      .bind(3, static_cast<std::int64_t>(identity.fixed_difficulty))
      .bind(4, unix_ms_now())
      .run();
}

}  // namespace proofgrid::store
