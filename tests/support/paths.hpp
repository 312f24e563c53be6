#pragma once
// Where tests find the shared vectors, their fixtures and the proofgrid binary.
#include <filesystem>

#include <nlohmann/json.hpp>

namespace proofgrid::test {

// ../shared beside the checkout, or $PROOFGRID_SHARED_DIR.
std::filesystem::path shared_dir();
// tests/fixtures in the source tree.
std::filesystem::path fixtures_dir();
// The proofgrid executable built with the tests, or $PROOFGRID_BINARY.
std::filesystem::path proofgrid_binary();
// Parses a JSON file; fails the current test with the path if it cannot.
nlohmann::json load_json(const std::filesystem::path& path);

}  // namespace proofgrid::test
