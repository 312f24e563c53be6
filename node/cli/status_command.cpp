// `proofgrid status`: the running control process's slots and chain head, asked over its
// admin socket (node/ops/admin_socket.hpp; the answer's schema is node/ops/slot_status.hpp).
#include <iostream>
#include <memory>

#include "node/cli/commands.hpp"
#include "node/cli/run_node.hpp"
#include "node/ops/admin_socket.hpp"
#include "node/ops/slot_status.hpp"

namespace proofgrid::cli {

void add_status_command(CLI::App& app) {
  struct Options {
    std::filesystem::path dir = kDefaultConfigDir;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("status", "Show the running cluster: one row per slot and the chain head");
  add_config_dir_option(*cmd, o->dir);
  cmd->add_flag("--json", o->json,
                "Print {\"head\":{\"increment\",\"parallelism\",\"poly_size\",\"last_round_time\"},"
                "\"slots\":[{\"slot\",\"core\",\"address\",\"host\",\"state\",\"backend\",\"proofs_accepted\","
                "\"invalid_proofs\",\"restarts\",\"last_proof_age_seconds\",\"mean_prove_seconds\",\"rss_bytes\","
                "\"paused_for_seconds\"}]}");
  cmd->footer(
      "Asks the control process running with the same --config over DIR/admin.sock (never the\n"
      "network; only the user the control runs as). It answers while a round runs.\n"
      "States: starting, ready, busy, paused, dead, crash-loop. RSS: read from /proc for workers\n"
      "this control started, else as the worker reports it (null until it has).\n"
      "Examples:\n"
      "  proofgrid status --config /var/lib/proofgrid\n"
      "  sudo -u proofgrid proofgrid status --config /var/lib/proofgrid --json | jq '.slots[] | select(.state != \"busy\")'\n"
      "Docs: docs/operations.md (Status)");
  cmd->callback([o] {
    report_errors([&] {
      const auto result = ops::admin_request(o->dir, "status");
      if (o->json)
        std::cout << result.dump() << "\n";
      else
        std::cout << ops::format_status(ops::status_from_json(result));
    });
  });
}

}  // namespace proofgrid::cli
