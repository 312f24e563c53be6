#pragma once
// Shared by the CLI integration tests: a config directory holding a seed fixture, and checks
// that a run ended normally (no crash signal, no timeout).
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace proofgrid::test {

// A temporary config directory whose config.yml is tests/fixtures/seeds/<name>.
inline void use_seed(const TempDir& dir, const std::string& name) {
  dir.write("config.yml", read_file(fixtures_dir() / "seeds" / name));
}

inline void require_clean_exit(const ProcessResult& r) {
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  REQUIRE_FALSE(r.timed_out);
  REQUIRE_FALSE(r.signaled);
}

// Runs proofgrid ARGS --config DIR and requires that it ended normally.
inline ProcessResult run_in(const TempDir& dir, std::vector<std::string> args) {
  args.push_back("--config");
  args.push_back(dir.path().string());
  auto r = run_proofgrid(args);
  require_clean_exit(r);
  return r;
}

inline std::size_t count_lines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

}  // namespace proofgrid::test
