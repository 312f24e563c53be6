// libFuzzer target: config.yml text, as parse_config reads it for `proofgrid config check`, the
// control process and every worker. Properties:
//   - the only failure is ConfigError, holding at least one error, each with a message;
//   - a config that loads can be planned: its slot table builds (what every process does next),
//     has one slot per worker, each with an address that round-trips, and --core 1 is slot 0.
// No disk: the file name is only a label and the environment names no shared directory.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "node/config/loader.hpp"
#include "node/config/slots.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace proofgrid::config;
using proofgrid::fuzz::check;

namespace {

void check_refusal(const ConfigError& e) {
  bool any_error = false;
  for (const Diagnostic& d : e.diagnostics()) {
    check(!d.message.empty(), "a diagnostic without a message");
    check(d.line >= 0 && d.column >= 0, "a diagnostic with a negative position");
    any_error = any_error || d.severity == Severity::error;
  }
  check(any_error, "a refused config names no error");
}

void check_plan(const Config& cfg) {
  for (const Diagnostic& w : cfg.warnings)
    check(w.severity == Severity::warning && !w.message.empty(), "a malformed warning");
  const SlotTable table = build_slot_table(cfg);
  check(table.slots.size() == cfg.engine.data_worker_count.value && !table.slots.empty(),
        "the slot table disagrees with the worker count");
  for (const Slot& s : table.slots) {
    check(s.core == s.index + 1, "--core is not slot + 1");
    check(Multiaddr::parse(s.address.canonical()) == s.address, "a slot address does not round-trip");
  }
  check(format_slot_lines(table).size() == table.slots.size(), "not one line per slot");
  check(&slot_for_core(table, "1") == &table.slots.front(), "--core 1 is not slot 0");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Environment env{4, {}};
  Config cfg;
  try {
    cfg = parse_config(text, "/fuzz/config.yml", env);
  } catch (const ConfigError& e) {
    check_refusal(e);
    return 0;
  }
  check_plan(cfg);
  return 0;
}
