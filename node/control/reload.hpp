#pragma once
// Hot reload (`proofgrid reload`, SIGHUP): config.yml is read again with node/config's
// loader and checked against the running process before anything changes. A new
// engine.dataWorkerMultiaddrs list becomes a new slot table that the round driver applies
// between rounds (control_ops); keys that only a restart can apply are named in notes.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "node/config/config.hpp"
#include "node/config/identity.hpp"
#include "node/config/slots.hpp"
#include "node/control/chain_glue.hpp"

namespace proofgrid::control {

// A reload that cannot be applied; what() says what is wrong and that the old config runs on.
class ReloadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ReloadPlan {
  config::Config config;
  config::SlotTable table;
  bool slots_changed = false;
  std::string summary;             // "slot 3 added (--core 4 /ip4/…); P 3 -> 4"
  std::vector<std::string> notes;  // keys changed that need a restart, config warnings
};

struct RunningConfig {
  const config::Config& config;     // what the process runs with
  const config::SlotTable& table;   // the slot table it runs now
  const config::Identity& identity; // keys.yml, loaded at start
  bool local_workers = false;       // the control spawns its workers
};

// Reads `dir`/config.yml and checks it: parses, same control key, the same way of finding
// workers (a list, or local workers), a slot table the SRS can commit. Throws ReloadError.
ReloadPlan plan_reload(const std::filesystem::path& dir, const RunningConfig& running, const ChainGlue& chain);

// "slots 3-4 added (--core 4 /ip4/…, --core 5 /ip4/…); slot 2 removed (/ip4/…)" or "no change".
std::string describe_table_change(const config::SlotTable& before, const config::SlotTable& after);

}  // namespace proofgrid::control
