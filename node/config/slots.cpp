#include "node/config/slots.hpp"

#include <algorithm>
#include <charconv>

namespace proofgrid::config {
namespace {

// "valid range: 1 to 17 (17 addresses in engine.dataWorkerMultiaddrs)".
std::string range_text(const SlotTable& table) {
  std::string n = std::to_string(table.slots.size());
  std::string where = table.from_list
                          ? n + " addresses in engine.dataWorkerMultiaddrs"
                          : "engine.dataWorkerCount is " + n +
                                " and engine.dataWorkerMultiaddrs is empty";
  return "the valid range is 1 to " + n + " (" + where + ")";
}

}  // namespace

SlotTable build_slot_table(const Config& config) {
  SlotTable table;
  const auto& engine = config.engine;
  const auto& list = engine.data_worker_multiaddrs.value;
  table.from_list = !list.empty();
  if (table.from_list) {
    table.list_origin = engine.data_worker_multiaddrs.origin;
    for (std::size_t i = 0; i < list.size(); ++i)
      table.slots.push_back({i, static_cast<unsigned>(i + 1), list[i].value, list[i].origin});
  } else {
    table.list_origin = engine.data_worker_count.origin;
    for (std::size_t i = 0; i < engine.data_worker_count.value; ++i)
      table.slots.push_back({i, static_cast<unsigned>(i + 1), engine.base_listen_address(i),
                             engine.data_worker_base_listen_port.origin});
  }
  return table;
}

const Slot& slot_for_core(const SlotTable& table, std::string_view core_text) {
  long long core = 0;
  auto [end, ec] = std::from_chars(core_text.data(), core_text.data() + core_text.size(), core);
  if (core_text.empty() || ec != std::errc() || end != core_text.data() + core_text.size())
    throw CoreRangeError("--core \"" + std::string(core_text) +
                         "\" is not a whole number: --core takes the 1-based worker number "
                         "(--core 1 is slot 0); " + range_text(table));
  if (core < 1)
    throw CoreRangeError("--core " + std::string(core_text) +
                         " is out of range: cores count from 1 (--core 1 is slot 0); " +
                         range_text(table));
  if (static_cast<unsigned long long>(core) > table.slots.size()) {
    std::string fix = table.from_list
                          ? "add an address for slot " + std::to_string(core - 1) +
                                " to engine.dataWorkerMultiaddrs"
                          : "raise engine.dataWorkerCount";
    throw CoreRangeError("--core " + std::string(core_text) + " is out of range: " +
                         range_text(table) + "; " + fix + " or start this worker with a --core in range");
  }
  return table.slots[static_cast<std::size_t>(core - 1)];
}

std::vector<std::string> format_slot_lines(const SlotTable& table) {
  std::size_t slot_w = 0, core_w = 0, addr_w = 0;
  for (const auto& s : table.slots) {
    slot_w = std::max(slot_w, std::to_string(s.index).size());
    core_w = std::max(core_w, std::to_string(s.core).size());
    addr_w = std::max(addr_w, s.address.text().size());
  }
  auto pad = [](std::string s, std::size_t w) { return s.append(w - s.size(), ' '); };
  std::vector<std::string> lines;
  for (const auto& s : table.slots)
    lines.push_back("slot " + pad(std::to_string(s.index), slot_w) + "  --core " +
                    pad(std::to_string(s.core), core_w) + "  " + pad(s.address.text(), addr_w) +
                    "  host " + s.address.host());
  return lines;
}

}  // namespace proofgrid::config
