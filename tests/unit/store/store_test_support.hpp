#pragma once
// Shared by the store tests: a reference chain computed once (P varies by round), a fresh
// store in a temporary directory, and raw access to a store's rows for tampering.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "node/store/store.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/chain/chain_test_support.hpp"

namespace proofgrid::store::test {

using chain::test::excerpt;

inline std::size_t p_of(std::uint64_t k) { return 2 + k % 3; }

// Rounds 0..7 of the tiny test chain, P = 2, 3, 4, 2, …, computed once per process.
inline const std::vector<chain::RoundResult>& reference_chain() {
  static const std::vector<chain::RoundResult> results = [] {
    chain::ChainState state(chain::test::tiny_identity());
    return chain::test::run_rounds(state, 8, p_of);
  }();
  return results;
}

inline const chain::ChainIdentity& identity() {
  static const chain::ChainIdentity id = chain::test::tiny_identity();
  return id;
}

struct StoreDir {
  proofgrid::test::TempDir dir{"proofgrid-store-test"};
  std::filesystem::path file = dir / "store.sqlite";
};

// Appends reference rounds [from, to) to `store`.
inline void append_reference(Store& store, std::size_t from, std::size_t to) {
  for (std::size_t k = from; k < to; ++k) store.append(reference_chain().at(k));
}

// Rewrites one BLOB column of one round row through `edit` (a tampering, or a repair).
inline void edit_blob(const std::filesystem::path& file, const std::string& column, std::uint64_t increment,
                      const std::function<void(Bytes&)>& edit) {
  Database db(file, Database::Mode::read_write_create);
  Statement get = db.prepare("SELECT " + column + " FROM rounds WHERE increment = ?");
  get.bind(1, static_cast<std::int64_t>(increment));
  REQUIRE(get.step());
  Bytes value = get.blob(0);
  edit(value);
  db.prepare("UPDATE rounds SET " + column + " = ? WHERE increment = ?")
      .bind(1, ByteView(value))
      .bind(2, static_cast<std::int64_t>(increment))
      .run();
}

inline void exec_sql(const std::filesystem::path& file, const std::string& sql) {
  Database db(file, Database::Mode::read_write_create);
  db.exec(sql);
}

}  // namespace proofgrid::store::test
