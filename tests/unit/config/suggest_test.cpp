#include <catch2/catch.hpp>

#include <array>

#include "node/config/suggest.hpp"

using namespace proofgrid::config;

TEST_CASE("edit distance counts single edits and adjacent swaps", "[suggest]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "abc") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("dataWorkersMultiaddrs", "dataWorkerMultiaddrs") == 1);
  CHECK(edit_distance("difficluty", "difficulty") == 1);  // swap
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("closest match finds typos and ignores case and separators", "[suggest]") {
  std::array<std::string_view, 4> keys = {"dataWorkerMultiaddrs", "dataWorkerCount", "difficulty",
                                          "backend"};
  CHECK(closest_match("dataWorkersMultiaddrs", keys) == 0u);
  CHECK(closest_match("data_worker_count", keys) == 1u);
  CHECK(closest_match("DIFFICULTY", keys) == 2u);
  CHECK(closest_match("backedn", keys) == 3u);
  CHECK_FALSE(closest_match("listenGrpcMultiaddr", keys).has_value());
  CHECK_FALSE(closest_match("x", keys).has_value());
}
