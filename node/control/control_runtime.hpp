#pragma once
// The control process (`proofgrid`): holds the identity, starts and supervises local workers
// (or connects to the listed ones), and runs the chain until SIGINT/SIGTERM.
#include <optional>
#include <string>

#include "node/config/setup.hpp"
#include "node/config/slots.hpp"

namespace proofgrid::control {

struct ControlSettings {
  config::PreparedControl prepared;   // config, identity, peer id
  config::SlotTable slots;
  bool spawns_local_workers = false;  // engine.dataWorkerMultiaddrs is empty
  std::optional<std::string> backend; // --backend, handed on to local workers
};

// Returns the exit status: 0 after SIGINT/SIGTERM, 1 when it cannot start or the store fails.
int run_control(const ControlSettings& settings);

}  // namespace proofgrid::control
