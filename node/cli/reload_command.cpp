// `proofgrid reload`: the running control process reads config.yml again (as on SIGHUP) and
// applies a changed worker list at the next round boundary; an invalid config is refused and
// the old one keeps running.
#include <iostream>
#include <memory>

#include "node/cli/commands.hpp"
#include "node/cli/run_node.hpp"
#include "node/ops/admin_socket.hpp"

namespace proofgrid::cli {

void add_reload_command(CLI::App& app) {
  auto dir = std::make_shared<std::filesystem::path>(kDefaultConfigDir);
  auto* cmd = app.add_subcommand("reload", "Make the running control process read config.yml again "
                                           "(a machine added to or removed from engine.dataWorkerMultiaddrs)");
  add_config_dir_option(*cmd, *dir);
  cmd->footer(
      "New slots join at the next round boundary and removed ones are closed there; the slots\n"
      "before them keep their connections. An invalid config.yml is refused with the reason (exit\n"
      "status 1) and the control keeps running with the old one. Keys read only at start\n"
      "(difficulty, srsPath, metrics, ...) are named: they need a restart.\n"
      "`systemctl reload proofgrid` (SIGHUP) does the same, with the outcome in the log.\n"
      "Example:\n"
      "  proofgrid reload --config /var/lib/proofgrid\n"
      "Docs: docs/operations.md (Adding a machine)");
  cmd->callback([dir] {
    report_errors([&] {
      const auto result = ops::admin_request(*dir, "reload");
      std::cout << "reload: " << result.at("summary").get<std::string>() << " ("
                << result.at("applies").get<std::string>() << ")\n";
      for (const auto& note : result.at("notes")) std::cout << "note: " << note.get<std::string>() << "\n";
    });
  });
}

}  // namespace proofgrid::cli
