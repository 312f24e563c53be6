// solve's cancellation and progress, and the group cache under concurrent use.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "engine/common/hash.hpp"
#include "tests/unit/vdf/challenge.hpp"
#include "engine/vdf/vdf.hpp"

using namespace proofgrid;
using namespace proofgrid::vdf;
using proofgrid::vdf::test::challenge_of;

TEST_CASE("solve reports progress up to (T, T)", "[vdf][solve_options]") {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
  SolveOptions options;
  options.progress = [&](std::uint64_t done, std::uint64_t total) { calls.emplace_back(done, total); };
  const std::uint32_t t = 3000;
  const Bytes c = challenge_of("progress");
  const Output out = solve(c, t, options);
  REQUIRE(!calls.empty());
  CHECK(calls.back() == std::make_pair(std::uint64_t{t}, std::uint64_t{t}));
  for (std::size_t i = 1; i < calls.size(); ++i) CHECK(calls[i].first >= calls[i - 1].first);
  CHECK(out == solve(c, t));  // progress does not change the result
}

TEST_CASE("a cancelled solve throws Cancelled", "[vdf][solve_options]") {
  CancelToken token;
  token.cancel();
  SolveOptions options;
  options.cancel = &token;
  CHECK_THROWS_AS(solve(challenge_of("cancel"), 5000, options), Cancelled);
  token.reset();
  CHECK_NOTHROW(solve(challenge_of("cancel"), 1100, options));
}

TEST_CASE("verify and group_for are safe from several threads", "[vdf][solve_options]") {
  std::vector<Bytes> challenges;
  std::vector<Output> outputs;
  for (int i = 0; i < 4; ++i) {
    challenges.push_back(challenge_of("threads-" + std::to_string(i)));
    outputs.push_back(solve(challenges.back(), 300));
  }
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 4; ++i) {
        const int k = (w + i) % 4;
        ok[w] += verify(challenges[k], 300, outputs[k]) && !verify(challenges[k], 301, outputs[k]);
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) CHECK(v == 4);
  CHECK(group_for(challenges[0]) == group_for(challenges[0]));  // cached: the same object
}
