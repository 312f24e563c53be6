#include "node/cli/run_node.hpp"

#include <signal.h>

#include <cerrno>
#include <charconv>
#include <iostream>

#include "node/config/loader.hpp"
#include "node/control/control_runtime.hpp"
#include "node/worker/worker_runtime.hpp"

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

int run_worker(WorkerPlan plan) {
  return worker::run_worker(worker::WorkerSettings{std::move(plan.config), std::move(plan.slot),
                                                   std::string(config::to_string(plan.backend)), plan.parent,
                                                   std::move(plan.more_slots)});
}

int run_control(ControlPlan plan, const RunOptions& options) {
  if (plan.prepared.config_generated)
    std::cerr << "proofgrid: generated " << (plan.prepared.config.dir / "config.yml").string()
              << " with defaults (every key documented inside)\n";
  return control::run_control(control::ControlSettings{std::move(plan.prepared), std::move(plan.slots),
                                                       plan.spawns_local_workers, options.backend});
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
  // Hidden: one process serving many slots (the 2048-slot load test multiplexes its workers).
  app.add_option("--serve-cores", options.serve_cores,
                 "With --core N: serve slots N-1 .. N+K-2 in this one process (load tests)")
      ->type_name("K")
      ->group("");
  app.footer(
      "Examples:\n"
      "  proofgrid                               control process, config in ./.config: starts the local\n"
      "                                          workers (or connects to the listed ones) and runs the\n"
      "                                          chain, one log line per round, until Ctrl-C\n"
      "  proofgrid --config /srv/pg/.config      the same with another config directory\n"
      "  proofgrid --core 4                      data worker for slot 3: listens on\n"
      "                                          engine.dataWorkerMultiaddrs[3] and proves until Ctrl-C\n"
      "  proofgrid config check --config DIR     validate config.yml and print the slot table\n"
      "Docs: docs/cluster.md (processes, supervision, failures), docs/configuration.md (every key).");
}

WorkerPlan resolve_worker(const RunOptions& options, const config::Environment& env,
                          const config::PortPolicy& ports) {
  auto prepared = config::prepare_worker_dir(options.config_dir, env);
  auto table = config::build_slot_table(prepared.config);
  const config::Slot& slot = config::slot_for_core(table, *options.core);
  auto backend = choose_backend(options, prepared.config);
  std::optional<pid_t> parent;
  if (options.parent_process) parent = parse_parent(*options.parent_process);
  std::vector<config::Slot> more;
  if (options.serve_cores == 0) throw UsageError("--serve-cores must be at least 1");
  for (unsigned k = 1; k < options.serve_cores; ++k) {
    if (slot.index + k >= table.slots.size())
      throw UsageError("--core " + *options.core + " --serve-cores " + std::to_string(options.serve_cores) +
                       " runs past the last slot (" + std::to_string(table.slots.size()) + " slots)");
    more.push_back(table.slots[slot.index + k]);
  }
  // Only this worker's port matters on this machine.
  config::SlotTable mine{{slot}, table.from_list, table.list_origin};
  auto warnings = with_port_warnings(prepared.config.warnings, mine, ports, prepared.config);
  if (auto w = config::worker_auth_warning(prepared.config)) warnings.push_back(*w);
  return WorkerPlan{std::move(prepared.config), prepared.config_generated, slot, std::move(more), backend, parent,
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
      return run_worker(std::move(plan));
    }
    auto plan = resolve_control(options, env, ports);
    print_warnings(plan.warnings);
    return run_control(std::move(plan), options);
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
