// Crashes: a process killed inside append's transaction (after every write, before COMMIT)
// leaves neither the round nor the record; an exception there rolls back; a process killed
// between rounds loses nothing. Each time the chain resumes byte for byte.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "tests/unit/store/store_test_support.hpp"

using namespace proofgrid;
using namespace proofgrid::store;
using namespace proofgrid::store::test;

namespace {

// Runs `body` in a child process and returns how it ended (the signal, or 0 for an exit).
int signal_of_child(const std::function<void()>& body) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    try {
      body();
    } catch (...) {
      _exit(3);
    }
    _exit(0);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

void expect_resumes_from(const std::filesystem::path& file, std::uint64_t head) {
  Store store = Store::open(file, identity());
  REQUIRE(store.head() == head);
  CHECK(store.round(head)->record.empty());
  const auto loaded = store.load_head();
  REQUIRE(loaded);
  CHECK(loaded->outputs == reference_chain()[head].round.outputs);
  // The next append is exactly the one that was lost.
  store.append(reference_chain()[head + 1]);
  CHECK(store.round(head)->record == reference_chain()[head + 1].record->bytes);
  CHECK(store.head() == head + 1);
}

}  // namespace

TEST_CASE("a process killed inside the round's transaction stores neither round nor record", "[store][crash]") {
  StoreDir d;
  reference_chain();  // computed before forking: the child only writes
  const int sig = signal_of_child([&] {
    StoreOptions die;
    die.before_commit = [](sqlite3*) { raise(SIGKILL); };
    Store store = Store::open(d.file, identity());
    append_reference(store, 0, 3);
    Store dying = Store::open(d.file, identity(), die);
    dying.append(reference_chain()[3]);
  });
  REQUIRE(sig == SIGKILL);
  expect_resumes_from(d.file, 2);
}

TEST_CASE("a process killed between rounds loses nothing", "[store][crash]") {
  StoreDir d;
  reference_chain();
  const int sig = signal_of_child([&] {
    Store store = Store::open(d.file, identity());
    append_reference(store, 0, 4);
    raise(SIGKILL);
  });
  REQUIRE(sig == SIGKILL);
  expect_resumes_from(d.file, 3);
}

TEST_CASE("an error inside the transaction rolls the round back", "[store][crash]") {
  StoreDir d;
  int calls = 0;
  StoreOptions fail_third;
  fail_third.before_commit = [&](sqlite3*) {
    if (++calls == 3) throw std::runtime_error("injected failure");
  };
  Store store = Store::open(d.file, identity(), fail_third);
  append_reference(store, 0, 2);
  CHECK_THROWS_WITH(store.append(reference_chain()[2]), "injected failure");
  CHECK(store.head() == 1u);
  CHECK(store.round(1)->record.empty());
  CHECK_FALSE(store.round(2));
  CHECK(store.load_head()->outputs == reference_chain()[1].round.outputs);  // outputs not pruned
  store.append(reference_chain()[2]);
  CHECK(store.head() == 2u);
}
