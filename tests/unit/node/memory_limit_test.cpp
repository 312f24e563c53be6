// engine.dataWorkerMemoryLimit: from config.yml to bytes, the minimum, the refusal of work
// above the limit, and RLIMIT_DATA actually stopping an allocation past it (in a child).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>

#include "node/config/loader.hpp"
#include "node/worker/memory_limit.hpp"
#include "tests/support/paths.hpp"

using namespace proofgrid;
using namespace proofgrid::worker;

namespace {

std::uint64_t limit_of(const std::string& value) {
  auto cfg = config::parse_config("engine:\n  dataWorkerMemoryLimit: " + value + "\n", "/cfg/config.yml",
                                  config::Environment{2, test::shared_dir()});
  return cfg.engine.data_worker_memory_limit.value;
}

}  // namespace

TEST_CASE("config.yml sizes become byte limits", "[memory]") {
  CHECK(limit_of("512MiB") == 512ull << 20);
  CHECK(limit_of("2GiB") == 2ull << 30);
  CHECK(limit_of("1GB") == 1000000000ull);
  CHECK(limit_of("0") == 0);
}

TEST_CASE("a limit below what a worker needs is refused with the minimum", "[memory]") {
  CHECK_FALSE(memory_limit_problem(0));
  CHECK_FALSE(memory_limit_problem(kMinimumMemoryLimit));
  CHECK_FALSE(memory_limit_problem(4ull << 30));
  auto problem = memory_limit_problem(64ull << 20);
  REQUIRE(problem);
  CHECK_THAT(*problem, Catch::Contains("engine.dataWorkerMemoryLimit is 64MiB, below the 128MiB"));
  CHECK_THAT(*problem, Catch::Contains("set at least 128MiB (or 0 for no limit)"));
}

TEST_CASE("work is refused while the resident set is at the limit", "[memory]") {
  CHECK_FALSE(refuse_for_memory(900ull << 20, 0));
  CHECK_FALSE(refuse_for_memory((256ull << 20) - 1, 256ull << 20));
  auto why = refuse_for_memory(300ull << 20, 256ull << 20);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("resident memory (300 MiB) has reached engine.dataWorkerMemoryLimit (256MiB)"));
  CHECK(resident_bytes() > (1ull << 20));
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)  // their shadow memory needs more
TEST_CASE("RLIMIT_DATA stops an allocation past the limit", "[memory]") {
  // In a child: the limit cannot be lifted again once set.
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    try {
      apply_memory_limit(256ull << 20);
    } catch (...) {
      ::_exit(3);
    }
    void* small = std::malloc(16ull << 20);  // well inside: must work
    if (!small) ::_exit(4);
    std::memset(small, 1, 16ull << 20);
    void* big = std::malloc(512ull << 20);  // past it: must fail
    ::_exit(big == nullptr ? 0 : 5);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
#endif

TEST_CASE("no limit leaves the process alone", "[memory]") {
  rlimit before{}, after{};
  ::getrlimit(RLIMIT_DATA, &before);
  apply_memory_limit(0);
  ::getrlimit(RLIMIT_DATA, &after);
  CHECK(before.rlim_cur == after.rlim_cur);
}
