#pragma once
// Running the node (proofgrid with no subcommand): the control process, or a data worker
// with --core N. This file turns the command line into a checked plan and hands it to the
// runtime: node/worker (listen, prove) or node/control (spawn or connect, run the chain).
#include <sys/types.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "node/config/config.hpp"
#include "node/config/ports.hpp"
#include "node/config/setup.hpp"
#include "node/config/slots.hpp"

namespace proofgrid::cli {

inline constexpr const char* kDefaultConfigDir = "./.config";

struct RunOptions {
  std::filesystem::path config_dir = kDefaultConfigDir;
  std::optional<std::string> core;            // --core as typed; set means "data worker"
  std::optional<std::string> backend;         // --backend as typed; overrides engine.backend
  std::optional<std::string> parent_process;  // --parent-process as typed
  unsigned serve_cores = 1;                   // hidden --serve-cores K: slots N..N+K-1 in one process
};

// Adds `--config DIR` (default ./.config) to a command.
void add_config_dir_option(CLI::App& command, std::filesystem::path& dir);

// Adds --config, --core, --backend and --parent-process to the top-level command.
void add_run_options(CLI::App& app, RunOptions& options);

// A command-line value that cannot work; what() says which flag and what it accepts.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct WorkerPlan {
  config::Config config;
  bool config_generated = false;
  config::Slot slot;  // the slot --core names; its address is where the worker listens
  std::vector<config::Slot> more_slots;  // --serve-cores: the slots after it, served too
  config::BackendChoice backend = config::BackendChoice::automatic;
  std::optional<pid_t> parent;  // exit when this process ends (set for local workers)
  std::vector<config::Diagnostic> warnings;
};

struct ControlPlan {
  config::PreparedControl prepared;
  config::SlotTable slots;
  config::BackendChoice backend = config::BackendChoice::automatic;
  // True when engine.dataWorkerMultiaddrs is empty: the control process starts one local
  // worker per slot (proofgrid --core N --parent-process PID); otherwise the operator starts
  // them on their machines.
  bool spawns_local_workers = false;
  std::vector<config::Diagnostic> warnings;
};

// Throw UsageError, config::ConfigError or config::CoreRangeError.
WorkerPlan resolve_worker(const RunOptions& options, const config::Environment& env,
                          const config::PortPolicy& ports);
ControlPlan resolve_control(const RunOptions& options, const config::Environment& env,
                            const config::PortPolicy& ports);

// Resolves the plan for this process and runs it until it is stopped; returns the exit
// status (0 after SIGINT/SIGTERM). Errors are printed to stderr (exit 1).
int run_node(const RunOptions& options);

}  // namespace proofgrid::cli
