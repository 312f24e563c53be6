#include "tests/unit/ops/ops_test_support.hpp"

#include <unistd.h>

namespace proofgrid::test {

std::string find_tool(const std::string& tool) {
  for (const char* dir : {"/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/", "/usr/local/bin/"}) {
    std::string path = dir + tool;
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  return {};
}

}  // namespace proofgrid::test
