#include "tests/support/paths.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace proofgrid::test {
namespace {
std::filesystem::path from_env_or(const char* var, const char* fallback) {
  if (const char* v = std::getenv(var); v && *v) return v;
  return fallback;
}
}  // namespace

std::filesystem::path shared_dir() {
  return from_env_or("PROOFGRID_SHARED_DIR", PROOFGRID_TEST_SHARED_DIR);
}

std::filesystem::path fixtures_dir() { return PROOFGRID_TEST_FIXTURES_DIR; }

std::filesystem::path proofgrid_binary() {
  return from_env_or("PROOFGRID_BINARY", PROOFGRID_TEST_BINARY);
}

nlohmann::json load_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return nlohmann::json::parse(in);
}

}  // namespace proofgrid::test
