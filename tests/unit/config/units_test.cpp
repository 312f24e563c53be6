#include <catch2/catch.hpp>

#include "node/config/units.hpp"

using namespace proofgrid::config;
using namespace std::chrono_literals;

TEST_CASE("durations read units and compound forms", "[units]") {
  CHECK(parse_duration("90s") == Duration(90s));
  CHECK(parse_duration("30m") == Duration(30min));
  CHECK(parse_duration("1h") == Duration(1h));
  CHECK(parse_duration("1h30m") == Duration(90min));
  CHECK(parse_duration("250ms") == Duration(250ms));
  CHECK(parse_duration("2d") == Duration(48h));
  CHECK(parse_duration("0s") == Duration(0));
  for (auto bad : {"", "90", "s", "1x", "1.5h", "-1s", "1h 30m", "1H", "99999999999999999999s",
                   "9999999999999999d"}) {
    INFO(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
  }
}

TEST_CASE("durations format to text that reads back", "[units]") {
  CHECK(format_duration(90min) == "1h30m");
  CHECK(format_duration(90s) == "1m30s");
  CHECK(format_duration(Duration(0)) == "0s");
  CHECK(format_duration(Duration(1500)) == "1s500ms");
  for (auto d : {Duration(1), Duration(999), Duration(86'400'001), Duration(123'456'789)})
    CHECK(parse_duration(format_duration(d)) == d);
}

TEST_CASE("byte sizes read binary and decimal units", "[units]") {
  CHECK(parse_byte_size("2GiB") == 2ull << 30);
  CHECK(parse_byte_size("512MiB") == 512ull << 20);
  CHECK(parse_byte_size("1KiB") == 1024u);
  CHECK(parse_byte_size("2GB") == 2'000'000'000u);
  CHECK(parse_byte_size("100B") == 100u);
  CHECK(parse_byte_size("4096") == 4096u);
  CHECK(parse_byte_size("0") == 0u);
  for (auto bad : {"", "GiB", "2 GiB", "2gib", "1.5GiB", "-1", "99999999999TiB", "2XB"}) {
    INFO(bad);
    CHECK_FALSE(parse_byte_size(bad).has_value());
  }
  CHECK(format_byte_size(2ull << 30) == "2GiB");
  CHECK(format_byte_size(1536ull << 20) == "1536MiB");
  CHECK(format_byte_size(100) == "100B");
  CHECK(format_byte_size(0) == "0B");
  for (std::uint64_t v : {1ull, 1024ull, 3ull << 40, 12345ull}) CHECK(parse_byte_size(format_byte_size(v)) == v);
}
