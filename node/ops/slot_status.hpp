#pragma once
// What `proofgrid status` shows, as the control process reports it over the admin socket:
// one row per slot and the chain head. The JSON form is the contract
//   {"head":{"increment":K,"parallelism":P,"poly_size":N,…},"slots":[{"slot":0,"core":1,"state":"ready",…}]}
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace proofgrid::ops {

enum class WorkerState { starting, ready, busy, paused, dead, crash_loop };
inline constexpr WorkerState kAllWorkerStates[] = {WorkerState::starting, WorkerState::ready, WorkerState::busy,
                                                  WorkerState::paused,   WorkerState::dead,  WorkerState::crash_loop};
// "starting", "ready", "busy", "paused", "dead", "crash-loop".
std::string_view to_string(WorkerState state);
std::optional<WorkerState> parse_worker_state(std::string_view text);

struct SlotStatus {
  std::size_t slot = 0;
  unsigned core = 1;
  std::string address;  // its multiaddr
  std::string host;
  WorkerState state = WorkerState::starting;
  std::string backend;  // as the worker reported it; empty until it has
  std::uint64_t proofs_accepted = 0;
  std::uint64_t proofs_invalid = 0;
  std::uint64_t restarts = 0;
  std::optional<double> last_proof_age_seconds;  // none yet: nullopt
  std::optional<double> mean_prove_seconds;
  std::optional<std::uint64_t> resident_memory_bytes;
  std::optional<double> paused_for_seconds;  // time left of a pause
};

struct ChainHead {
  std::uint64_t increment = 0;
  std::size_t parallelism = 0;  // P of the last round
  std::size_t poly_size = 0;    // N
  std::optional<std::int64_t> last_round_unix_seconds;
};

struct StatusReport {
  ChainHead head;
  std::vector<SlotStatus> slots;
};

nlohmann::json to_json(const StatusReport& report);
// Throws std::invalid_argument naming the field when the JSON is not a status report.
StatusReport status_from_json(const nlohmann::json& json);

// The table `proofgrid status` prints: a head line, then one aligned row per slot.
std::string format_status(const StatusReport& report);

}  // namespace proofgrid::ops
