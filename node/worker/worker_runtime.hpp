#pragma once
// The data worker process (`proofgrid --core N`): binds its slot's address, creates its
// backend, passes the known-answer self-test, then serves the control's prove requests until
// SIGINT/SIGTERM or, with --parent-process, until the control that started it is gone.
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "node/config/config.hpp"
#include "node/config/slots.hpp"

namespace proofgrid::worker {

struct WorkerSettings {
  config::Config config;
  config::Slot slot;              // what --core names: where to listen, which slot to report
  std::string backend = "auto";   // registry name
  std::optional<pid_t> parent;    // --parent-process
  // Hidden --serve-cores: more slots this one process serves, each on its own address, all
  // through one backend and one compute thread (the load test's multiplexed workers).
  std::vector<config::Slot> more_slots;
};

// Returns the exit status: 0 after a requested stop, 1 when the worker cannot start (the
// reason and what to do are logged).
int run_worker(const WorkerSettings& settings);

}  // namespace proofgrid::worker
