#pragma once
// Runs a program (usually the built proofgrid) to completion with a time limit and captures
// what it printed, how it ended, and whether a signal killed it.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace proofgrid::test {

struct ProcessResult {
  int exit_code = -1;   // valid when !signaled
  bool signaled = false;
  int signal = 0;       // the signal that ended it (a crash shows up here)
  bool timed_out = false;
  std::string out;      // stdout
  std::string err;      // stderr
};

// Runs `program args...` in `cwd` (empty: the current directory). After `limit` the process
// is killed and timed_out set.
ProcessResult run_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                          std::chrono::seconds limit = std::chrono::seconds(60),
                          const std::filesystem::path& cwd = {});

// run_process on proofgrid_binary().
ProcessResult run_proofgrid(const std::vector<std::string>& args,
                            std::chrono::seconds limit = std::chrono::seconds(60),
                            const std::filesystem::path& cwd = {});

}  // namespace proofgrid::test
