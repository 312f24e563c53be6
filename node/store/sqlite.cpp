#include "node/store/sqlite.hpp"

#include <chrono>
#include <utility>

namespace proofgrid::store {

std::int64_t unix_ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string describe_sqlite_error(int rc, const std::filesystem::path& file, std::string_view doing,
                                  std::string_view detail) {
  std::string what = "store " + file.string() + ": " + std::string(doing) + " failed: " + std::string(detail);
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return what + ". The disk (or the store's size limit) is full: free space and restart; nothing of this "
                    "round was written, the chain resumes after the last stored round";
    case SQLITE_IOERR:
      return what + ". An I/O error: check the disk (dmesg) and free space; nothing of this round was written";
    case SQLITE_READONLY:
      return what + ". The store is read-only: check the permissions of the file and its directory";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return what + ". Another process holds the store: is a node already running with this store.path?";
    case SQLITE_CANTOPEN:
      return what + ". Check that the directory exists and that this user may write there (store.path)";
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return what + ". This is not an intact SQLite store: restore it from a backup or set another store.path";
    default:
      return what;
  }
}

Database::Database(const std::filesystem::path& file, Mode mode)
    : context_(std::make_unique<DatabaseContext>(DatabaseContext{file})), db_(nullptr, &sqlite3_close) {
  sqlite3* raw = nullptr;
  const int flags = mode == Mode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(file.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK) fail(rc, "opening");
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);  // a reader (verify) may briefly overlap the node's commit
}

void Database::fail(int rc, std::string_view doing) const {
  const char* detail = db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(rc);
  throw StoreError(describe_sqlite_error(rc, context_->file, doing, detail ? detail : sqlite3_errstr(rc)));
}

void Database::exec(std::string_view sql) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc, context_->activity);
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) fail(rc, "preparing a query");
  return Statement(stmt, context_.get());
}

void Statement::check_bind(int rc) {
  if (rc != SQLITE_OK)
    throw StoreError(describe_sqlite_error(rc, context_->file, context_->activity, sqlite3_errstr(rc)));
}

Statement& Statement::bind(int i, std::int64_t v) {
  check_bind(sqlite3_bind_int64(stmt_, i, v));
  return *this;
}
Statement& Statement::bind(int i, double v) {
  check_bind(sqlite3_bind_double(stmt_, i, v));
  return *this;
}
Statement& Statement::bind(int i, ByteView v) {
  // SQLITE_TRANSIENT: SQLite copies, so callers may pass temporaries.
  check_bind(sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT));
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  check_bind(sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}
Statement& Statement::bind_null(int i) {
  check_bind(sqlite3_bind_null(stmt_, i));
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  throw StoreError(describe_sqlite_error(rc, context_->file, context_->activity, sqlite3_errmsg(db)));
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Bytes Statement::blob(int c) const {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, c));
  const int n = sqlite3_column_bytes(stmt_, c);
  return p ? Bytes(p, p + n) : Bytes{};
}

std::string Statement::text(int c) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))) : std::string{};
}

}  // namespace proofgrid::store
