// PROOFGRID_STORE_FAULT, the fault matrix's store hooks: the accepted forms, and that each
// hook does what the matrix relies on (a SIGKILL inside exactly increment K's transaction; a
// store that cannot grow past N more pages).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "node/store/store_fault.hpp"
#include "tests/unit/store/store_test_support.hpp"

using namespace proofgrid;
using namespace proofgrid::store;
using namespace proofgrid::store::test;

TEST_CASE("PROOFGRID_STORE_FAULT accepts its two forms and names them when given anything else",
          "[store][fault]") {
  CHECK(parse_store_fault("").mode == StoreFaultMode::none);
  const StoreFault die = parse_store_fault("die-before-commit@5");
  CHECK(die.mode == StoreFaultMode::die_before_commit);
  CHECK(die.arg == 5);
  CHECK(store_fault_text(die) == "die-before-commit@5");
  const StoreFault full = parse_store_fault("disk-full@0");
  CHECK(full.mode == StoreFaultMode::disk_full);
  CHECK(full.arg == 0);
  for (const char* bad : {"disk-full", "disk-full@", "die-before-commit@x", "die-before-commit@3k", "boom@1"}) {
    INFO(bad);
    CHECK_THROWS_WITH(parse_store_fault(bad), Catch::Contains(std::string("PROOFGRID_STORE_FAULT=\"") + bad) &&
                                                  Catch::Contains("use die-before-commit@INCREMENT or disk-full@PAGES"));
  }
  CHECK(!store_fault_options(StoreFault{}).after_open);
  CHECK(!store_fault_options(StoreFault{}).before_commit);
}

TEST_CASE("die-before-commit@K kills the process inside increment K's transaction only", "[store][fault]") {
  StoreDir d;
  {
    Store store = Store::open(d.file, identity());
    append_reference(store, 0, 2);
  }
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Round 2 commits, round 3 dies before COMMIT; exit 0 would mean the hook never fired.
    Store store = Store::open(d.file, identity(), store_fault_options(parse_store_fault("die-before-commit@3")));
    append_reference(store, 2, 5);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
  const Store store = Store::open_read_only(d.file);
  CHECK(store.head() == 2u);
  CHECK(!store.round(3));
}

TEST_CASE("disk-full@N lets the store grow by N pages, then appends fail and store nothing", "[store][fault]") {
  StoreDir d;
  {
    Store store = Store::open(d.file, identity());
    append_reference(store, 0, 2);
  }
  Store store = Store::open(d.file, identity(), store_fault_options(parse_store_fault("disk-full@0")));
  // A wide round (64 slots, ~33 KB of outputs) needs pages the store may not add.
  chain::RoundResult wide = reference_chain()[2];
  wide.round.outputs.resize(64);
  wide.round.digests.resize(64 * 64);
  CHECK_THROWS_WITH(store.append(wide), Catch::Contains("full") && Catch::Contains("free space"));
  CHECK(store.head() == 1u);
  CHECK(store.round(1)->record.empty());
}
