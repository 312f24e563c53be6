#pragma once
// The store's tables and their version (PRAGMA user_version; docs/chain.md lists them).
// A newer schema is refused with a clear error, never read or rewritten.
#include <optional>

#include "engine/chain/identity.hpp"
#include "node/store/sqlite.hpp"

namespace proofgrid::store {

// Sets WAL + synchronous=FULL and creates the tables in an empty file (writable), or checks
// that the file is a proofgrid store of a schema this build reads. Throws StoreError.
void prepare_schema(Database& db, bool writable);

// The identity of the chain the store holds, nullopt before the first open for writing.
std::optional<chain::ChainIdentity> read_identity(Database& db);
void write_identity(Database& db, const chain::ChainIdentity& identity);

}  // namespace proofgrid::store
