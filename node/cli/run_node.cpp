#include "node/cli/run_node.hpp"

#include <signal.h>

#include <cerrno>
#include <charconv>
#include <iostream>

#include "node/config/loader.hpp"

namespace proofgrid::cli {
namespace {

using config::Diagnostic;

config::BackendChoice choose_backend(const RunOptions& options, const config::Config& cfg) {
  if (!options.backend) return cfg.engine.backend.value;
  auto b = config::parse_backend(*options.backend);
  if (!b)
    throw UsageError("--backend \"" + *options.backend + "\" is not a backend: use " +
                     std::string(config::kBackendNames) + " (auto picks the fastest that works here)");
  return *b;
}

pid_t parse_parent(const std::string& text) {
  long long pid = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), pid);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || pid < 1 ||
      pid > std::numeric_limits<pid_t>::max())
    throw UsageError("--parent-process \"" + text + "\" is not a process id (a whole number >= 1)");
  // Signal 0 only asks whether the process exists (EPERM: it exists, owned by another user).
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
    throw UsageError("--parent-process " + text +
                     ": no such process. The control process sets this flag on the workers it "
                     "starts; leave it out when starting a worker by hand");
  return static_cast<pid_t>(pid);
}

std::vector<Diagnostic> with_port_warnings(std::vector<Diagnostic> warnings, const config::SlotTable& slots,
                                           const config::PortPolicy& ports, const config::Config& cfg) {
  auto more = config::ephemeral_port_warnings(slots, ports, cfg.file.string());
  warnings.insert(warnings.end(), more.begin(), more.end());
  return warnings;
}

void print_warnings(const std::vector<Diagnostic>& warnings) {
  for (const auto& w : warnings) std::cerr << w.to_string() << "\n";
}

std::string source_word(bool generated) { return generated ? "generated with defaults" : "loaded"; }

// Until the cluster runtime lands these say what would run, and that nothing ran.
int run_worker(const WorkerPlan& plan) {
  std::cout << "proofgrid data worker --core " << plan.slot.core << " (slot " << plan.slot.index << ")\n"
            << "  config:   " << (plan.config.dir / "config.yml").string() << " (" << source_word(plan.config_generated) << ")\n"
            << "  listen:   " << plan.slot.address.text() << "\n"
            << "  backend:  " << config::to_string(plan.backend) << "\n";
  if (plan.parent) std::cout << "  parent:   pid " << *plan.parent << " (the worker stops when it ends)\n";
  std::cerr << "proofgrid: the data worker runtime is not in this build: nothing listens on "
            << plan.slot.address.text() << " and nothing was proved (exit 2)\n";
  return 2;
}

int run_control(const ControlPlan& plan) {
  const auto& cfg = plan.prepared.config;
  const auto& e = cfg.engine;
  std::cout << "proofgrid control process\n"
            << "  config:     " << (cfg.dir / "config.yml").string() << " (" << source_word(plan.prepared.config_generated) << ")\n"
            << "  identity:   " << (cfg.dir / config::kKeysFileName).string() << " ("
            << (plan.prepared.identity.generated ? "generated" : "loaded") << "), fingerprint "
            << plan.prepared.identity.identity.fingerprint() << "\n"
            << "  peer id:    " << to_hex(plan.prepared.peer_id)
            << (e.peer_id.value ? " (engine.peerId)" : " (derived from keys.yml)") << "\n"
            << "  difficulty: " << e.difficulty.value
            << (e.difficulty.value == 0 ? " (the chain's schedule D(k))" : " (fixed)") << "\n"
            << "  backend:    " << config::to_string(plan.backend) << "\n"
            << "  srs:        " << (e.srs_path.value.empty() ? "none found (set engine.srsPath)" : e.srs_path.value.string()) << "\n"
            << "  store:      " << cfg.store.path.value.string() << "\n";
  std::size_t n = plan.slots.slots.size();
  std::cout << "  workers:    " << n << (n == 1 ? " slot" : " slots")
            << (plan.spawns_local_workers
                    ? ", local data workers this process starts (engine.dataWorkerMultiaddrs is empty):\n"
                    : " listed in engine.dataWorkerMultiaddrs; start each on its machine with "
                      "proofgrid --config DIR --core N:\n");
  for (const auto& line : config::format_slot_lines(plan.slots)) std::cout << "    " << line << "\n";
  std::cerr << "proofgrid: the cluster runtime (worker processes, rounds, proofs) is not in this "
               "build: no worker was started and nothing was proved (exit 2)\n";
  return 2;
}

}  // namespace

void add_config_dir_option(CLI::App& command, std::filesystem::path& dir) {
  command
      .add_option("--config", dir,
                  "Config directory: config.yml (+ keys.yml on the control machine)")
      ->type_name("DIR")
      ->capture_default_str();
}

void add_run_options(CLI::App& app, RunOptions& options) {
  add_config_dir_option(app, options.config_dir);
  app.add_option("--core", options.core,
                 "Run as the data worker of slot N-1 (N counts from 1): it listens on "
                 "engine.dataWorkerMultiaddrs[N-1], or on the base port + N-1 when that list is empty")
      ->type_name("N");
  app.add_option("--backend", options.backend, "Compute backend: auto, cpu, simd or opencl "
                 "(default: engine.backend)")
      ->type_name("NAME");
  app.add_option("--parent-process", options.parent_process,
                 "Set by the control process on the workers it starts: stop when PID ends")
      ->type_name("PID");
  app.footer(
      "Examples:\n"
      "  proofgrid                               control process, config in ./.config\n"
      "  proofgrid --config /srv/pg/.config      the same with another config directory\n"
      "  proofgrid --core 4                      data worker for slot 3 (engine.dataWorkerMultiaddrs[3])\n"
      "  proofgrid config check --config DIR     validate config.yml and print the slot table\n"
      "Docs: docs/configuration.md (every key), docs/architecture.md (how the cluster works).");
}

WorkerPlan resolve_worker(const RunOptions& options, const config::Environment& env,
                          const config::PortPolicy& ports) {
  auto prepared = config::prepare_worker_dir(options.config_dir, env);
  auto table = config::build_slot_table(prepared.config);
  const config::Slot& slot = config::slot_for_core(table, *options.core);
  auto backend = choose_backend(options, prepared.config);
  std::optional<pid_t> parent;
  if (options.parent_process) parent = parse_parent(*options.parent_process);
  // Only this worker's port matters on this machine.
  config::SlotTable mine{{slot}, table.from_list, table.list_origin};
  auto warnings = with_port_warnings(prepared.config.warnings, mine, ports, prepared.config);
  if (auto w = config::worker_auth_warning(prepared.config)) warnings.push_back(*w);
  return WorkerPlan{std::move(prepared.config), prepared.config_generated, slot, backend, parent,
                    std::move(warnings)};
}

ControlPlan resolve_control(const RunOptions& options, const config::Environment& env,
                            const config::PortPolicy& ports) {
  if (options.parent_process)
    throw UsageError("--parent-process applies to data workers only (with --core N)");
  ControlPlan plan{config::prepare_control_dir(options.config_dir, env), {}, {}, false, {}};
  plan.slots = config::build_slot_table(plan.prepared.config);
  plan.backend = choose_backend(options, plan.prepared.config);
  plan.spawns_local_workers = !plan.slots.from_list;
  plan.warnings = with_port_warnings(plan.prepared.warnings, plan.slots, ports, plan.prepared.config);
  // Only the control process reads the SRS (to commit rounds); workers never need it.
  const auto& srs = plan.prepared.config.engine.srs_path;
  std::error_code ec;
  if (srs.from_file() && !std::filesystem::is_regular_file(srs.value, ec))
    plan.warnings.push_back(Diagnostic{config::Severity::warning, plan.prepared.config.file.string(),
                                       srs.origin.line, srs.origin.column, "engine.srsPath",
                                       "engine.srsPath: " + srs.value.string() +
                                           " is not a readable file; the control process needs it to "
                                           "commit rounds"});
  return plan;
}

int run_node(const RunOptions& options) {
  try {
    auto env = config::this_machine();
    auto ports = config::read_port_policy();
    if (options.core) {
      auto plan = resolve_worker(options, env, ports);
      print_warnings(plan.warnings);
      return run_worker(plan);
    }
    auto plan = resolve_control(options, env, ports);
    print_warnings(plan.warnings);
    return run_control(plan);
  } catch (const config::ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const config::CoreRangeError& e) {
    std::cerr << "proofgrid: error: " << e.what() << "\n";
  } catch (const UsageError& e) {
    std::cerr << "proofgrid: error: " << e.what() << "\n";
  } catch (const std::system_error& e) {
    std::cerr << "proofgrid: error: " << e.what() << " (check the directory's permissions)\n";
  }
  return 1;
}

}  // namespace proofgrid::cli
