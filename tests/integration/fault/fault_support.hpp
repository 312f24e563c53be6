#pragma once
// What every row of the fault matrix shares: the cluster harness (tests/integration/cluster),
// a proof that the chain survived (`proofgrid verify --json`: invalid 0, gaps 0), and ways to
// find a worker's pid and label in the control's log.
#include <sys/types.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/integration/cluster/cluster_harness.hpp"

namespace proofgrid::test {

// `proofgrid verify --config DIR --json` must exit 0 with invalid 0, gaps 0, every stored
// record valid, and at least `min_head` rounds stored. Returns the JSON for more checks.
nlohmann::json verify_clean(const std::filesystem::path& cfg_dir, std::uint64_t min_head = 1);

// Prints a process's log to stderr when the scope ends by a failed REQUIRE (an exception), so
// that ctest --output-on-failure shows what the process said (INFO would capture it too early).
class LogOnFailure {
 public:
  LogOnFailure(const Proc& proc, std::string name) : proc_(proc), name_(std::move(name)) {}
  ~LogOnFailure();
  LogOnFailure(const LogOnFailure&) = delete;
  LogOnFailure& operator=(const LogOnFailure&) = delete;

 private:
  const Proc& proc_;
  std::string name_;
};

// SIGTERM, then a clean exit within 20 s.
void stop_cleanly(Proc& control);

// The slot label ("slot 1 (--core 2) /ip4/127.0.0.1/tcp/P") of the local worker that the
// control announced with pid `pid`; empty when it announced none.
std::string worker_label(const std::string& control_output, pid_t pid);

// Local worker `index` (0-based) of a control that started `workers` of them, once two rounds
// ran: its pid and slot label.
struct LocalWorker {
  pid_t pid = 0;
  std::string label;
};
LocalWorker running_worker(const Proc& control, std::size_t index, std::size_t workers);

// The number of "round K:" lines in the control's output.
std::size_t round_count(const Proc& control);

// Waits until the control has logged `n` rounds in all.
bool wait_rounds(const Proc& control, std::size_t n, std::chrono::milliseconds limit = std::chrono::seconds(60));

}  // namespace proofgrid::test
