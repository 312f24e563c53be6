#include "node/control/reload.hpp"

#include <fmt/format.h>

#include "node/config/loader.hpp"
#include "node/config/setup.hpp"
#include "node/config/units.hpp"

namespace proofgrid::control {
namespace {

constexpr const char* kKeeps = "; the control process keeps running with the config it has";

std::string slot_text(const config::Slot& s) { return fmt::format("--core {} {}", s.core, s.address.text()); }

// "slot 3" or "slots 3-4 …" with each slot's text in brackets.
std::string slot_list(const std::vector<const config::Slot*>& slots, const char* what) {
  std::string names, details;
  for (const auto* s : slots) {
    names += (names.empty() ? "" : ", ") + std::to_string(s->index);
    details += (details.empty() ? "" : ", ") + slot_text(*s);
  }
  return fmt::format("{} {} {} ({})", slots.size() == 1 ? "slot" : "slots", names, what, details);
}

// Keys the running process read once at start: a change is reported, not applied.
void restart_notes(const config::Config& before, const config::Config& after, std::vector<std::string>& notes) {
  auto note = [&](bool changed, const char* key) {
    if (changed) notes.push_back(std::string(key) + " changed: it takes effect after a restart of the control process");
  };
  const auto &a = before.engine, &b = after.engine;
  note(a.difficulty.value != b.difficulty.value, "engine.difficulty");
  note(a.genesis.value != b.genesis.value, "engine.genesis");
  note(a.peer_id.value != b.peer_id.value, "engine.peerId");
  note(a.srs_path.value != b.srs_path.value, "engine.srsPath");
  note(a.backend.value != b.backend.value, "engine.backend");
  note(a.prove_timeout.value != b.prove_timeout.value, "engine.proveTimeout");
  note(a.pause_max_duration.value != b.pause_max_duration.value, "engine.pauseMaxDuration");
  note(a.insecure_loopback_no_auth.value != b.insecure_loopback_no_auth.value, "engine.insecureLoopbackNoAuth");
  note(before.metrics.listen_address.value != after.metrics.listen_address.value, "metrics.listenAddress");
  note(before.store.path.value != after.store.path.value, "store.path");
}

}  // namespace

std::string describe_table_change(const config::SlotTable& before, const config::SlotTable& after) {
  std::vector<const config::Slot*> added, removed;
  for (const auto& s : after.slots)
    if (s.index >= before.slots.size() || !(before.slots[s.index].address == s.address)) added.push_back(&s);
  for (const auto& s : before.slots)
    if (s.index >= after.slots.size() || !(after.slots[s.index].address == s.address)) removed.push_back(&s);
  if (added.empty() && removed.empty()) return "no change to the slot table";
  std::string text;
  if (!added.empty()) text = slot_list(added, "added");
  if (!removed.empty()) text += (text.empty() ? "" : "; ") + slot_list(removed, "removed");
  return text + fmt::format("; {} slot{} (was {})", after.slots.size(), after.slots.size() == 1 ? "" : "s",
                            before.slots.size());
}

ReloadPlan plan_reload(const std::filesystem::path& dir, const RunningConfig& running, const ChainGlue& chain) {
  ReloadPlan plan{};
  try {
    plan.config = config::load_config(dir);
  } catch (const config::ConfigError& e) {
    throw ReloadError(std::string("the new config.yml is invalid") + kKeeps + ":\n" + e.what());
  }
  std::vector<config::Diagnostic> warnings = plan.config.warnings;
  try {
    config::check_fingerprint(plan.config, running.identity, warnings);
  } catch (const config::ConfigError& e) {
    throw ReloadError(std::string("the new config.yml does not match this control process's key") + kKeeps + ":\n" +
                      e.what());
  }
  try {
    plan.table = config::build_slot_table(plan.config);
  } catch (const std::exception& e) {
    throw ReloadError(std::string("the new config.yml has no usable slot table") + kKeeps + ": " + e.what());
  }
  if (plan.table.from_list == running.local_workers)
    throw ReloadError(std::string(running.local_workers
                                      ? "engine.dataWorkerMultiaddrs is set now, but this control process "
                                        "started its workers itself (the list was empty)"
                                      : "engine.dataWorkerMultiaddrs is empty now, but this control process "
                                        "connects to listed workers") +
                      kKeeps + ". Switching between local and listed workers needs a restart.");
  plan.summary = describe_table_change(running.table, plan.table);
  plan.slots_changed = plan.summary != "no change to the slot table";
  if (plan.slots_changed && running.local_workers)
    throw ReloadError(fmt::format("engine.dataWorkerCount changed ({} -> {}), but the workers this control process "
                                  "starts itself are only re-planned by a restart{}. A reload applies a changed "
                                  "engine.dataWorkerMultiaddrs list (workers on their machines).",
                                  running.table.slots.size(), plan.table.slots.size(), kKeeps));
  try {
    chain.require_parallelism(plan.table.slots.size());
  } catch (const std::exception& e) {
    throw ReloadError(fmt::format("{} slots cannot be committed with this control process's SRS{}: {}",
                                  plan.table.slots.size(), kKeeps, e.what()));
  }
  restart_notes(running.config, plan.config, plan.notes);
  for (const auto& w : warnings) plan.notes.push_back(w.to_string());
  return plan;
}

}  // namespace proofgrid::control
