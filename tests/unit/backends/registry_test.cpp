#include <catch2/catch.hpp>

#include "backends/registry/registry.hpp"

using namespace proofgrid::backends;

TEST_CASE("cpu is compiled in, listed first and always available", "[registry]") {
  const auto names = compiled_backends();
  REQUIRE_FALSE(names.empty());
  CHECK(names.front() == "cpu");
  const auto infos = list_backends();
  REQUIRE(infos.size() == names.size());
  CHECK(infos.front().available);
  CHECK_FALSE(infos.front().device.empty());
  CHECK(create_backend("cpu")->name() == "cpu");
}

TEST_CASE("an unknown backend names the ones this build has", "[registry]") {
  CHECK_THROWS_AS(create_backend("tpu"), BackendUnavailable);
  CHECK_THROWS_WITH(create_backend("tpu"), Catch::Contains("unknown backend 'tpu'") &&
                                               Catch::Contains("cpu"));
}

TEST_CASE("auto resolves to a usable backend and says why", "[registry]") {
  const auto choice = choose_auto_backend();
  CHECK_FALSE(choice.why.empty());
  bool usable = false;
  for (const auto& info : list_backends()) usable |= info.name == choice.name && info.available;
  CHECK(usable);
  CHECK(create_backend("auto")->name() == choice.name);
}
