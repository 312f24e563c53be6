#pragma once
// Fault injection for the fault-matrix tests (like node/worker/worker_fault.hpp for workers):
// PROOFGRID_STORE_FAULT makes the control's store fail on purpose, through StoreOptions.
//   die-before-commit@K  SIGKILL the process inside append's transaction for increment K,
//                        after every write and just before COMMIT (a crash mid-write)
//   disk-full@N          the store may grow by N pages (SQLite PRAGMA max_page_count) beyond
//                        its size when opened; the append that needs more fails with
//                        "database or disk is full", as on a full disk
// Unset or empty: no fault. Compiled in always, active only with the variable set.
#include <cstdint>
#include <string_view>

#include "node/store/store.hpp"

namespace proofgrid::store {

inline constexpr const char* kStoreFaultVariable = "PROOFGRID_STORE_FAULT";

enum class StoreFaultMode { none, die_before_commit, disk_full };

struct StoreFault {
  StoreFaultMode mode = StoreFaultMode::none;
  std::uint64_t arg = 0;  // the increment K, or the N pages
};

// Throws std::invalid_argument naming the accepted forms when the text is not one of them.
StoreFault parse_store_fault(std::string_view text);
// The value of PROOFGRID_STORE_FAULT for this process.
StoreFault store_fault_from_environment();
// The options that inject `fault` (empty hooks for none).
StoreOptions store_fault_options(const StoreFault& fault);
// One line for the log, e.g. "die-before-commit@5".
std::string store_fault_text(const StoreFault& fault);

}  // namespace proofgrid::store
