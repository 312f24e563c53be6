#pragma once
// Shared by the config unit tests: parse text as config.yml and collect what it reports.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "node/config/loader.hpp"
#include "tests/support/paths.hpp"

namespace proofgrid::test {

// A fixed machine: 4 hardware threads (so 3 default workers), the real shared dir.
inline config::Environment test_env() { return config::Environment{4, shared_dir()}; }

inline config::Config parse_ok(std::string_view text) {
  return config::parse_config(text, "/cfg/config.yml", test_env());
}

// The diagnostics of text that must not load (fails the test if it loads).
inline std::vector<config::Diagnostic> diagnostics_of(std::string_view text) {
  try {
    config::parse_config(text, "/cfg/config.yml", test_env());
  } catch (const config::ConfigError& e) {
    return e.diagnostics();
  }
  FAIL("expected a ConfigError for:\n" << text);
  return {};
}

// The first error's full text ("/cfg/config.yml:L:C: error: ...").
inline std::string first_error(std::string_view text) {
  auto all = diagnostics_of(text);
  REQUIRE(!all.empty());
  REQUIRE(all.front().severity == config::Severity::error);
  return all.front().to_string();
}

}  // namespace proofgrid::test
