#pragma once
// The durable chain: SQLite in WAL mode with synchronous=FULL (docs/chain.md, "Store").
//
//   Store store = Store::open(cfg.store.path.value, identity);   // creates or checks
//   chain::ChainState state(identity, store.load_head());         // resume where it stopped
//   … RoundResult r = state.finish(…);
//   store.append(r, attribution);    // round k + record k-1 in ONE transaction, fsync'd
//   state.advance(std::move(r));     // only after append returned
//
// A crash at any instant leaves round k and record k-1 both stored or both absent, so a
// restart continues with round head+1 and can still write record head: no gap, no duplicate.
// One row per increment holds the round (P, difficulty, challenge C_{k-1}, C_k, all digests,
// timings) and, once the next round exists, its record; one row per slot holds who computed
// it (for contribution accounting) and, while the round is the head, its output.
// A Store is one SQLite connection: use it from one thread at a time (other processes may
// read the file concurrently, e.g. `proofgrid verify` while the node runs).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/chain/chain_state.hpp"
#include "node/store/sqlite.hpp"

namespace proofgrid::store {

inline constexpr int kSchemaVersion = 1;
inline constexpr std::int64_t kApplicationId = 0x50475244;  // "PGRD" in PRAGMA application_id

// Which worker computed a slot's accepted proof.
struct SlotAttribution {
  std::uint32_t slot = 0;
  std::int64_t core = 0;      // the worker's --core (0: computed in-process)
  std::string host;           // the worker's host or address ("" : in-process)
  double prove_seconds = 0;   // task sent → proof accepted
  std::uint32_t attempts = 1; // tries until a proof verified
  bool reassigned = false;    // computed by another worker than the slot's own
};

struct StoreOptions {
  // Keep every slot's output forever (audits of single slots). By default the outputs of a
  // round are dropped once its record is stored: the record holds the opened one and the
  // digests bind the rest.
  bool keep_all_outputs = false;
  // Fault injection for tests, given the connection: after_open runs once the schema is
  // ready (e.g. PRAGMA max_page_count to simulate a full disk); before_commit runs inside
  // append's transaction, after every write and just before COMMIT (e.g. to die there).
  std::function<void(sqlite3*)> after_open;
  std::function<void(sqlite3*)> before_commit;
};

// One increment as stored.
struct StoredRound {
  std::uint64_t increment = 0;
  std::size_t parallelism = 0;
  std::uint32_t difficulty = 0;
  Bytes challenge;   // C_{k-1}
  Bytes commitment;  // C_k
  Bytes digests;     // 64 P bytes
  chain::RoundTimings timings;
  std::optional<std::uint32_t> idx;  // the record, once round k+1 is stored
  Bytes record;                      // empty until then
  double record_prove_seconds = 0;
  std::int64_t stored_unix_ms = 0;
};

struct StoredSlot {
  SlotAttribution who;
  std::optional<Bytes> output;  // only while kept (see StoreOptions)
};

struct StoreSummary {
  std::uint64_t rounds = 0;
  std::uint64_t records = 0;
  std::optional<std::uint64_t> first;  // lowest stored increment
  std::optional<std::uint64_t> head;   // last committed round
  Bytes head_commitment;
  std::int64_t last_stored_unix_ms = 0;
};

// Accepted proofs and the squarings they represent (issue 7's contribution accounting).
struct ContributionTotals {
  std::uint64_t proofs = 0;
  std::uint64_t squarings = 0;  // sum of T over the proofs
  std::uint64_t attempts = 0;
  std::uint64_t reassigned = 0;
  double prove_seconds = 0;
};
struct SlotContribution {
  std::uint32_t slot = 0;
  ContributionTotals totals;
};
struct HostContribution {
  std::string host;
  ContributionTotals totals;
};

class Store {
 public:
  // The node's store: created when missing (the directory must exist); an existing store
  // must hold the chain of `identity` (peer id, genesis, difficulty rule). Throws StoreError.
  static Store open(const std::filesystem::path& file, const chain::ChainIdentity& identity,
                    StoreOptions options = {});
  // An existing store, read-only (verify, report, status): its identity comes from the file.
  static Store open_read_only(const std::filesystem::path& file);

  const chain::ChainIdentity& identity() const { return identity_; }
  const std::filesystem::path& file() const { return db_.file(); }

  // One transaction: round r.round, its slots, and r.record (the previous round's record).
  // Throws StoreError — and stores nothing — when the round does not follow the stored head
  // (a gap or a duplicate), the record does not belong to the head, or SQLite fails (disk
  // full, I/O error). `slots` is empty (all in-process) or one entry per slot.
  void append(const chain::RoundResult& r, std::span<const SlotAttribution> slots = {});

  std::optional<std::uint64_t> head() const;
  // The head round with all its outputs (what ChainState needs to continue), or nullopt.
  std::optional<chain::CommittedRound> load_head() const;

  std::optional<StoredRound> round(std::uint64_t increment) const;
  // The stored rounds with from <= increment <= to, ascending (gaps simply absent).
  std::vector<StoredRound> rounds(std::uint64_t from, std::uint64_t to) const;
  std::vector<StoredSlot> slots(std::uint64_t increment) const;
  StoreSummary summary() const;

  // Accepted proofs per slot / per host over increments >= since (accounting.cpp).
  std::vector<SlotContribution> contributions_by_slot(std::uint64_t since = 0) const;
  std::vector<HostContribution> contributions_by_host(std::uint64_t since = 0) const;

 private:
  Store(Database db, chain::ChainIdentity identity, StoreOptions options);
  void insert_round(const chain::CommittedRound& round, std::span<const SlotAttribution> slots);
  void insert_record(const chain::Record& record);

  mutable Database db_;
  chain::ChainIdentity identity_;
  StoreOptions options_;
};

}  // namespace proofgrid::store
