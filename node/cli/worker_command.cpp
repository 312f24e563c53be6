// `proofgrid worker pause|resume --core N`: takes one data worker out of the rounds and back,
// through the running control process's admin socket. The worker's process stays up.
#include <iostream>
#include <memory>

#include "node/cli/commands.hpp"
#include "node/cli/run_node.hpp"
#include "node/config/units.hpp"
#include "node/ops/admin_socket.hpp"

namespace proofgrid::cli {
namespace {

struct WorkerOptions {
  std::filesystem::path dir = kDefaultConfigDir;
  unsigned core = 0;
  std::optional<std::string> length;  // --for as typed
};

nlohmann::json worker_args(const WorkerOptions& o) {
  nlohmann::json args = {{"core", o.core}};
  if (o.length) {
    auto d = config::parse_duration(*o.length);
    if (!d || d->count() <= 0)
      throw UsageError("--for \"" + *o.length + "\" is not a duration above zero: write it like 90s, 10m or 1h30m");
    args["for_ms"] = d->count();
  }
  return args;
}

CLI::App* add_action(CLI::App& parent, const std::string& name, const std::string& help, WorkerOptions& o) {
  auto* cmd = parent.add_subcommand(name, help);
  add_config_dir_option(*cmd, o.dir);
  cmd->add_option("--core", o.core, "The worker, by its --core flag (slot N-1)")
      ->type_name("N")
      ->required()
      ->check(CLI::Range(1u, 65535u));
  return cmd;
}

}  // namespace

void add_worker_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("worker", "Pause or resume one data worker of the running cluster");
  cmd->require_subcommand(1);
  cmd->footer(
      "Examples:\n"
      "  proofgrid worker pause --config /var/lib/proofgrid --core 5 --for 10m\n"
      "  proofgrid worker resume --config /var/lib/proofgrid --core 5\n"
      "Docs: docs/operations.md (Pausing a worker)");
  auto o = std::make_shared<WorkerOptions>();
  auto* pause = add_action(*cmd, "pause",
                           "Leave the worker out of rounds from the next one (P shrinks); its process stays warm",
                           *o);
  pause->add_option("--for", o->length,
                    "Resume by itself after this long (90s, 10m, 1h30m); at most and by default "
                    "engine.pauseMaxDuration (30m unless set)")
      ->type_name("DURATION");
  pause->footer(
      "A pause ends by itself after --for, at most engine.pauseMaxDuration, and the control logs it.\n"
      "Pausing the last slot that is not paused is refused: a round needs one.\n"
      "Example:\n"
      "  proofgrid worker pause --config /var/lib/proofgrid --core 5 --for 10m");
  pause->callback([o] {
    report_errors([&] { std::cout << ops::admin_request(o->dir, "pause", worker_args(*o)).at("message").get<std::string>() << "\n"; });
  });
  auto* resume = add_action(*cmd, "resume", "End a worker's pause: it rejoins the rounds from the next one", *o);
  resume->footer("Example:\n  proofgrid worker resume --config /var/lib/proofgrid --core 5");
  resume->callback([o] {
    report_errors([&] { std::cout << ops::admin_request(o->dir, "resume", worker_args(*o)).at("message").get<std::string>() << "\n"; });
  });
}

}  // namespace proofgrid::cli
