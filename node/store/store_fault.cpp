#include "node/store/store_fault.hpp"

#include <signal.h>

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <sqlite3.h>

namespace proofgrid::store {
namespace {

std::uint64_t query_integer(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
    throw StoreError(std::string("store fault hook: ") + sqlite3_errmsg(db));
  std::uint64_t value = 0;
  if (sqlite3_step(stmt) == SQLITE_ROW) value = static_cast<std::uint64_t>(sqlite3_column_int64(stmt, 0));
  sqlite3_finalize(stmt);
  return value;
}

[[noreturn]] void bad(std::string_view text) {
  throw std::invalid_argument(std::string(kStoreFaultVariable) + "=\"" + std::string(text) +
                              "\" is not a store fault: use die-before-commit@INCREMENT or disk-full@PAGES "
                              "(unset it for a normal store)");
}

}  // namespace

StoreFault parse_store_fault(std::string_view text) {
  if (text.empty()) return {};
  const auto at = text.find('@');
  if (at == std::string_view::npos) bad(text);
  const std::string_view mode = text.substr(0, at);
  const std::string_view digits = text.substr(at + 1);
  StoreFault f;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), f.arg);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) bad(text);
  if (mode == "die-before-commit") f.mode = StoreFaultMode::die_before_commit;
  else if (mode == "disk-full") f.mode = StoreFaultMode::disk_full;
  else bad(text);
  return f;
}

StoreFault store_fault_from_environment() {
  const char* value = std::getenv(kStoreFaultVariable);
  return parse_store_fault(value ? value : "");
}

StoreOptions store_fault_options(const StoreFault& fault) {
  StoreOptions o;
  if (fault.mode == StoreFaultMode::die_before_commit) {
    o.before_commit = [k = fault.arg](sqlite3* db) {
      // Inside the transaction the newest row is the round being appended.
      if (query_integer(db, "SELECT max(increment) FROM rounds") == k) ::raise(SIGKILL);
    };
  } else if (fault.mode == StoreFaultMode::disk_full) {
    o.after_open = [n = fault.arg](sqlite3* db) {
      const std::uint64_t pages = query_integer(db, "PRAGMA page_count") + n;
      const std::string sql = "PRAGMA max_page_count = " + std::to_string(pages);
      if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        throw StoreError(std::string("store fault hook: ") + sqlite3_errmsg(db));
    };
  }
  return o;
}

std::string store_fault_text(const StoreFault& fault) {
  switch (fault.mode) {
    case StoreFaultMode::none: return "none";
    case StoreFaultMode::die_before_commit: return "die-before-commit@" + std::to_string(fault.arg);
    case StoreFaultMode::disk_full: return "disk-full@" + std::to_string(fault.arg);
  }
  return "none";
}

}  // namespace proofgrid::store
