#include "node/store/store.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "engine/chain/byte_compare.hpp"
#include "engine/chain/record.hpp"
#include "node/store/schema.hpp"

namespace proofgrid::store {
namespace {

std::string difficulty_rule(std::uint32_t fixed) {
  return fixed ? "fixed T = " + std::to_string(fixed) : std::string("the schedule D(k)");
}

// Which part of the identity differs, for the refusal message.
std::string identity_mismatch(const chain::ChainIdentity& stored, const chain::ChainIdentity& given) {
  if (stored.peer_id != given.peer_id)
    return "peer id " + chain::brief_hex(stored.peer_id) + ", this node's is " + chain::brief_hex(given.peer_id) +
           " (engine.peerId, or keys.yml's key)";
  if (stored.genesis != given.genesis)
    return "genesis " + chain::brief_hex(stored.genesis) + ", this node's is " + chain::brief_hex(given.genesis) +
           " (engine.genesis)";
  return "difficulty " + difficulty_rule(stored.fixed_difficulty) + ", this node's is " +
         difficulty_rule(given.fixed_difficulty) + " (engine.difficulty)";
}

constexpr const char* kRoundColumns =
    "increment, parallelism, difficulty, challenge, commitment, digests, started_unix_ms, solve_seconds, "
    "commit_seconds, stored_unix_ms, idx, record, record_prove_seconds";

StoredRound read_round(const Statement& s) {
  StoredRound r;
  r.increment = static_cast<std::uint64_t>(s.integer(0));
  r.parallelism = static_cast<std::size_t>(s.integer(1));
  r.difficulty = static_cast<std::uint32_t>(s.integer(2));
  r.challenge = s.blob(3);
  r.commitment = s.blob(4);
  r.digests = s.blob(5);
  r.timings = {s.integer(6), s.real(7), s.real(8)};
  r.stored_unix_ms = s.integer(9);
  if (!s.is_null(10)) r.idx = static_cast<std::uint32_t>(s.integer(10));
  if (!s.is_null(11)) r.record = s.blob(11);
  r.record_prove_seconds = s.real(12);
  return r;
}

// The attribution of every slot: the caller's, or "computed in-process" for each.
std::vector<SlotAttribution> attribution_for(std::size_t p, std::span<const SlotAttribution> given) {
  if (given.empty()) {
    std::vector<SlotAttribution> all(p);
    for (std::size_t i = 0; i < p; ++i) all[i].slot = static_cast<std::uint32_t>(i);
    return all;
  }
  std::vector<SlotAttribution> all(given.begin(), given.end());
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.slot < b.slot; });
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all.size() != p || all[i].slot != i)
      throw std::invalid_argument("slot attribution must name each of the round's " + std::to_string(p) +
                                  " slots exactly once");
  }
  return all;
}

}  // namespace

Store::Store(Database db, chain::ChainIdentity identity, StoreOptions options)
    : db_(std::move(db)), identity_(std::move(identity)), options_(std::move(options)) {}

Store Store::open(const std::filesystem::path& file, const chain::ChainIdentity& identity, StoreOptions options) {
  if (identity.peer_id.empty()) throw std::invalid_argument("a chain identity needs a peer id");
  Database db(file, Database::Mode::read_write_create);
  prepare_schema(db, true);
  if (const auto stored = read_identity(db)) {
    if (!(*stored == identity))
      throw StoreError("store " + file.string() + " holds another chain: its " + identity_mismatch(*stored, identity) +
                       ". Restore that setting to continue this chain, or set store.path to a new file to "
                       "start another");
  } else {
    write_identity(db, identity);
  }
  if (options.after_open) options.after_open(db.handle());
  return Store(std::move(db), identity, std::move(options));
}

Store Store::open_read_only(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw StoreError("no store at " + file.string() +
                     ": the node has not stored a round yet, or store.path (or --store) points elsewhere");
  Database db(file, Database::Mode::read_only);
  prepare_schema(db, false);
  auto identity = read_identity(db);
  if (!identity) throw StoreError("store " + file.string() + " records no chain identity yet");
  return Store(std::move(db), std::move(*identity), StoreOptions{});
}

void Store::append(const chain::RoundResult& r, std::span<const SlotAttribution> slots) {
  const chain::CommittedRound& round = r.round;
  const std::vector<SlotAttribution> who = attribution_for(round.parallelism(), slots);
  ActivityScope scope(db_, "storing round " + std::to_string(round.increment));
  // IMMEDIATE: the head read below and the writes happen under one write lock, so two
  // writers can never both append the same increment.
  db_.exec("BEGIN IMMEDIATE");
  try {
    const auto head_round = [&]() -> std::optional<StoredRound> {
      Statement s = db_.prepare(std::string("SELECT ") + kRoundColumns + " FROM rounds ORDER BY increment DESC LIMIT 1");
      if (!s.step()) return std::nullopt;
      return read_round(s);
    }();
    const std::uint64_t expected = head_round ? head_round->increment + 1 : 0;
    if (round.increment != expected)
      throw StoreError("store " + file().string() + ": round " + std::to_string(round.increment) +
                       " cannot follow " + (head_round ? "head " + std::to_string(head_round->increment) : "an empty store") +
                       " (that would leave a gap or a duplicate); continue from Store::load_head()");
    const ByteView want_challenge = head_round ? ByteView(head_round->commitment) : ByteView(identity_.genesis);
    if (!chain::same_bytes(round.challenge, want_challenge))
      throw StoreError("store " + file().string() + ": round " + std::to_string(round.increment) +
                       "'s challenge is not the stored head's commitment");
    if (head_round.has_value() != r.record.has_value() ||
        (r.record && (r.record->increment != head_round->increment ||
                      r.record->parallelism != head_round->parallelism ||
                      !chain::same_bytes(r.record->challenge, head_round->challenge) ||
                      !chain::same_bytes(chain::split_record(r.record->bytes, r.record->parallelism).commitment,
                            head_round->commitment))))
      throw StoreError("store " + file().string() + ": round " + std::to_string(round.increment) +
                       " must come with the record of the stored head round, and only with it");
    insert_round(round, who);
    if (r.record) insert_record(*r.record);
    if (options_.before_commit) options_.before_commit(db_.handle());
    db_.exec("COMMIT");
  } catch (...) {
    // A failed COMMIT (disk full) may leave the transaction open; roll it back so the store
    // holds exactly what it held before.
    if (!sqlite3_get_autocommit(db_.handle())) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void Store::insert_round(const chain::CommittedRound& round, std::span<const SlotAttribution> who) {
  db_.prepare(std::string("INSERT INTO rounds (") + kRoundColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,NULL,NULL,NULL)")
      .bind(1, static_cast<std::int64_t>(round.increment))
      .bind(2, static_cast<std::int64_t>(round.parallelism()))
      .bind(3, static_cast<std::int64_t>(round.difficulty))
      .bind(4, ByteView(round.challenge))
      .bind(5, ByteView(round.commitment))
      .bind(6, ByteView(round.digests))
      .bind(7, round.timings.started_unix_ms)
      .bind(8, round.timings.solve_seconds)
      .bind(9, round.timings.commit_seconds)
      .bind(10, unix_ms_now())
      .run();
  Statement slot = db_.prepare(
      "INSERT INTO slots (increment, slot, core, host, prove_seconds, attempts, reassigned, output) "
      "VALUES (?,?,?,?,?,?,?,?)");
  for (const SlotAttribution& s : who) {
    slot.bind(1, static_cast<std::int64_t>(round.increment))
        .bind(2, static_cast<std::int64_t>(s.slot))
        .bind(3, s.core)
        .bind(4, std::string_view(s.host))
        .bind(5, s.prove_seconds)
        .bind(6, static_cast<std::int64_t>(s.attempts))
        .bind(7, static_cast<std::int64_t>(s.reassigned))
        .bind(8, ByteView(round.outputs[s.slot]))
        .run();
  }
}

void Store::insert_record(const chain::Record& record) {
  const auto k = static_cast<std::int64_t>(record.increment);
  db_.prepare("UPDATE rounds SET idx = ?, record = ?, record_prove_seconds = ? WHERE increment = ? AND record IS NULL")
      .bind(1, static_cast<std::int64_t>(record.idx))
      .bind(2, ByteView(record.bytes))
      .bind(3, record.prove_seconds)
      .bind(4, k)
      .run();
  if (sqlite3_changes(db_.handle()) != 1)
    throw StoreError("store " + file().string() + ": record " + std::to_string(record.increment) +
                     " is already stored");
  if (!options_.keep_all_outputs) db_.prepare("UPDATE slots SET output = NULL WHERE increment = ?").bind(1, k).run();
}

std::optional<std::uint64_t> Store::head() const {
  Statement s = db_.prepare("SELECT max(increment) FROM rounds");
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return static_cast<std::uint64_t>(s.integer(0));
}

std::optional<chain::CommittedRound> Store::load_head() const {
  const auto h = head();
  if (!h) return std::nullopt;
  const StoredRound r = *round(*h);
  chain::CommittedRound c{r.increment, r.difficulty, r.challenge, {}, r.digests, r.commitment, r.timings};
  Statement s = db_.prepare("SELECT slot, output FROM slots WHERE increment = ? ORDER BY slot");
  s.bind(1, static_cast<std::int64_t>(*h));
  while (s.step()) {
    const Bytes out = s.blob(1);
    if (static_cast<std::size_t>(s.integer(0)) != c.outputs.size() || out.size() != vdf::kOutputSize) break;
    std::copy(out.begin(), out.end(), c.outputs.emplace_back().begin());
  }
  if (c.outputs.size() != r.parallelism)
    throw StoreError("store " + file().string() + ": the head round " + std::to_string(*h) + " lacks slot " +
                     std::to_string(c.outputs.size()) +
                     "'s output, so its record cannot be made (was the file edited?); restore it from a backup");
  return c;
}

std::optional<StoredRound> Store::round(std::uint64_t increment) const {
  Statement s = db_.prepare(std::string("SELECT ") + kRoundColumns + " FROM rounds WHERE increment = ?");
  s.bind(1, static_cast<std::int64_t>(increment));
  if (!s.step()) return std::nullopt;
  return read_round(s);
}

std::vector<StoredRound> Store::rounds(std::uint64_t from, std::uint64_t to) const {
  Statement s = db_.prepare(std::string("SELECT ") + kRoundColumns +
                            " FROM rounds WHERE increment BETWEEN ? AND ? ORDER BY increment");
  s.bind(1, static_cast<std::int64_t>(from)).bind(2, static_cast<std::int64_t>(std::min<std::uint64_t>(to, INT64_MAX)));
  std::vector<StoredRound> out;
  while (s.step()) out.push_back(read_round(s));
  return out;
}

std::vector<StoredSlot> Store::slots(std::uint64_t increment) const {
  Statement s = db_.prepare(
      "SELECT slot, core, host, prove_seconds, attempts, reassigned, output FROM slots WHERE increment = ? "
      "ORDER BY slot");
  s.bind(1, static_cast<std::int64_t>(increment));
  std::vector<StoredSlot> out;
  while (s.step()) {
    StoredSlot slot;
    slot.who = {static_cast<std::uint32_t>(s.integer(0)), s.integer(1), s.text(2), s.real(3),
                static_cast<std::uint32_t>(s.integer(4)), s.integer(5) != 0};
    if (!s.is_null(6)) slot.output = s.blob(6);
    out.push_back(std::move(slot));
  }
  return out;
}

StoreSummary Store::summary() const {
  StoreSummary sum;
  Statement s = db_.prepare(
      "SELECT count(*), count(record), min(increment), max(increment), max(stored_unix_ms) FROM rounds");
  if (s.step() && s.integer(0) > 0) {
    sum.rounds = static_cast<std::uint64_t>(s.integer(0));
    sum.records = static_cast<std::uint64_t>(s.integer(1));
    sum.first = static_cast<std::uint64_t>(s.integer(2));
    sum.head = static_cast<std::uint64_t>(s.integer(3));
    sum.last_stored_unix_ms = s.integer(4);
    sum.head_commitment = round(*sum.head)->commitment;
  }
  return sum;
}

}  // namespace proofgrid::store
