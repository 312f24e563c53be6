#pragma once
// The slot table: which address each slot's worker listens on, and which `--core N` owns it
// (N is 1-based: --core N is slot N-1, as in the seed tutorial).
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "node/config/config.hpp"

namespace proofgrid::config {

struct Slot {
  std::size_t index = 0;  // 0-based slot
  unsigned core = 1;      // the --core flag that owns it: index + 1
  Multiaddr address;      // where its worker listens (and the control process connects)
  Origin origin;          // its list entry, or derived from the base template
};

struct SlotTable {
  std::vector<Slot> slots;
  bool from_list = false;  // engine.dataWorkerMultiaddrs, else base port + slot
  Origin list_origin;      // where the list (or dataWorkerCount) was set
};

SlotTable build_slot_table(const Config& config);

// Thrown for a --core value that names no slot; what() states the valid range.
class CoreRangeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The slot `--core TEXT` owns. TEXT is the flag's value as typed ("3", "0", "-1", "abc").
const Slot& slot_for_core(const SlotTable& table, std::string_view core_text);

// One aligned line per slot: "slot 0   --core 1   /ip4/192.168.0.200/tcp/40000   host 192.168.0.200".
std::vector<std::string> format_slot_lines(const SlotTable& table);

}  // namespace proofgrid::config
