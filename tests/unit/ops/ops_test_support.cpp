#include "tests/unit/ops/ops_test_support.hpp"

#include <unistd.h>

#include <cstdlib>

namespace proofgrid::test {

std::string find_tool(const std::string& tool) {
  // scripts/run-tests.sh unpacks some checkers (promtool) here rather than installing them.
  if (const char* dir = std::getenv("PROOFGRID_TOOLS_DIR"); dir && *dir) {
    std::string path = std::string(dir) + "/" + tool;
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  for (const char* dir : {"/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/", "/usr/local/bin/"}) {
    std::string path = dir + tool;
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  return {};
}

}  // namespace proofgrid::test
