// --backend opencl end to end on the OpenCL runtime of this machine (PoCL in CI): the same
// bytes as the vectors. Skipped with a warning where no OpenCL device is usable.
#include <nlohmann/json.hpp>

#include "tests/integration/backends/backends_cli.hpp"

using namespace proofgrid::test;

namespace {

bool opencl_usable() {
  const auto r = run_with_env({}, {"backends", "--json"});
  for (const auto& b : nlohmann::json::parse(r.out))
    if (b["name"] == "opencl") {
      if (!b["available"].get<bool>()) WARN("opencl is not usable here: " << b["reason"].get<std::string>());
      return b["available"].get<bool>();
    }
  WARN("this proofgrid was built without the opencl backend");
  return false;
}

}  // namespace

TEST_CASE("vdf solve --backend opencl prints the vector output", "[cli][backends][opencl]") {
  if (!opencl_usable()) return;
  const auto r = run_with_env({}, vdf_solve_args("opencl"));
  CHECK(r.exit_code == 0);
  CHECK(r.out == vdf_vector_output());
}

TEST_CASE("kzg commit --backend opencl prints the vector commitment", "[cli][backends][opencl]") {
  if (!opencl_usable()) return;
  const auto r = run_with_env({}, kzg_commit_args("opencl"));
  CHECK(r.exit_code == 0);
  CHECK(r.out == kKzgShortTailCommitment);
}
