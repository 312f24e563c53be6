#pragma once
// A thin RAII layer over the SQLite C API for the store: one connection, prepared
// statements, and errors that name the file and say what to do (disk full, I/O error,
// locked, not a database).
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "engine/common/bytes.hpp"

namespace proofgrid::store {

// Anything the store cannot do; what() names the file and, where there is one, the remedy.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The file and what the store is doing with it, for error messages.
struct DatabaseContext {
  std::filesystem::path file;
  std::string activity = "reading";
};

class Statement {
 public:
  Statement(sqlite3_stmt* stmt, const DatabaseContext* context) : stmt_(stmt), context_(context) {}
  Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)), context_(other.context_) {}
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Parameters are 1-based, as in SQL.
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, double v);
  Statement& bind(int i, ByteView v);
  Statement& bind(int i, std::string_view v);
  Statement& bind_null(int i);

  // Runs one step: true while a row is available, false when done.
  bool step();
  // Runs a statement that returns no rows and resets it for reuse.
  void run();
  void reset();

  // Columns are 0-based.
  bool is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  std::int64_t integer(int c) const { return sqlite3_column_int64(stmt_, c); }
  double real(int c) const { return sqlite3_column_double(stmt_, c); }
  Bytes blob(int c) const;
  std::string text(int c) const;

 private:
  void check_bind(int rc);
  sqlite3_stmt* stmt_;
  const DatabaseContext* context_;
};

class Database {
 public:
  enum class Mode { read_write_create, read_only };
  // Opens FILE; throws StoreError naming it when it cannot be opened.
  Database(const std::filesystem::path& file, Mode mode);

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  const std::filesystem::path& file() const { return context_->file; }
  sqlite3* handle() const { return db_.get(); }
  // What errors say the store was doing ("storing round 12"); see ActivityScope.
  void set_activity(std::string activity) { context_->activity = std::move(activity); }
  const std::string& activity() const { return context_->activity; }

  // Throws StoreError for result code `rc` while `doing` something, with the remedy.
  [[noreturn]] void fail(int rc, std::string_view doing) const;

 private:
  std::unique_ptr<DatabaseContext> context_;  // stable address for statements
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db_;
};

// Sets the activity for the lifetime of the scope, then restores "reading".
class ActivityScope {
 public:
  ActivityScope(Database& db, std::string activity) : db_(db) { db_.set_activity(std::move(activity)); }
  ~ActivityScope() { db_.set_activity("reading"); }
  ActivityScope(const ActivityScope&) = delete;
  ActivityScope& operator=(const ActivityScope&) = delete;

 private:
  Database& db_;
};

// Milliseconds since the Unix epoch (the store's timestamps).
std::int64_t unix_ms_now();

// The message for an SQLite result code on `file`: what happened and what to do.
std::string describe_sqlite_error(int rc, const std::filesystem::path& file, std::string_view doing,
                                  std::string_view detail);

}  // namespace proofgrid::store
