// docs/configuration.md documents exactly the keys the parser knows.
#include <catch2/catch.hpp>

#include <set>

#include "node/config/schema.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/temp_dir.hpp"

TEST_CASE("docs/configuration.md documents every known key and no other", "[schema]") {
  auto whole = proofgrid::test::read_file(proofgrid::test::fixtures_dir() / "../../docs/configuration.md");
  auto start = whole.find("\n## Reference\n");
  REQUIRE(start != std::string::npos);
  auto doc = whole.substr(start, whole.find("\n## ", start + 1) - start);
  std::set<std::string> known;
  for (const auto& key : proofgrid::config::key_table()) known.insert(key.path());
  // The Reference section's table rows start with | `section.key` |.
  std::set<std::string> documented;
  const std::string row = "\n| `";
  for (auto at = doc.find(row); at != std::string::npos; at = doc.find(row, at + 1)) {
    auto start = at + row.size();
    auto end = doc.find('`', start);
    std::string cell = doc.substr(start, end - start);
    if (cell != "key") documented.insert(cell);
  }
  CHECK(documented == known);
}

TEST_CASE("the key table is consistent", "[schema]") {
  std::set<std::string> paths;
  for (const auto& key : proofgrid::config::key_table()) {
    INFO(key.path());
    CHECK(paths.insert(key.path()).second);
    CHECK(key.apply != nullptr);
    CHECK_FALSE(key.expected.empty());
    CHECK_FALSE(key.summary.empty());
    CHECK(key.fresh.empty() != key.example.empty());  // written, or shown as a commented example
    CHECK(proofgrid::config::find_key(key.section, key.name) == &key);
  }
}
