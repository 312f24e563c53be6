// `proofgrid report`: contribution accounting from the store (ops/contribution_report.hpp).
// It opens the store read-only, so it works while the control process runs.
#include <iostream>
#include <memory>

#include "node/cli/commands.hpp"
#include "node/cli/run_node.hpp"
#include "node/config/loader.hpp"
#include "node/ops/contribution_report.hpp"

namespace proofgrid::cli {

void add_report_command(CLI::App& app) {
  struct Options {
    std::filesystem::path dir = kDefaultConfigDir;
    std::uint64_t since = 0;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("report", "Contribution accounting: proofs and squarings per worker and per "
                                           "machine, from the stored chain");
  add_config_dir_option(*cmd, o->dir);
  cmd->add_option("--since", o->since, "Count rounds from this increment on (default: all)")->type_name("INCREMENT");
  cmd->add_flag("--json", o->json,
                "Print {\"since\",\"head\",\"total\":{\"proofs\",\"squarings\"},\"slots\":[{\"slot\",\"core\","
                "\"address\",\"host\",\"proofs\",\"squarings\",\"share\",\"mean_prove_seconds\",…}],"
                "\"hosts\":[{\"host\",\"workers\",…}]}");
  cmd->footer(
      "Every accepted proof is stored with the worker that proved it (its --core and address) and\n"
      "the round's T: squarings = the sum of T over its proofs; share = its part of all squarings.\n"
      "A worker that proved another slot's position (reassigned) is credited, not the slot's owner.\n"
      "Examples:\n"
      "  proofgrid report --config /var/lib/proofgrid\n"
      "  proofgrid report --config /var/lib/proofgrid --since 1200 --json\n"
      "Docs: docs/operations.md (Contribution report)");
  cmd->callback([o] {
    report_errors([&] {
      const auto cfg = config::load_config(o->dir);
      std::error_code ec;
      if (!std::filesystem::exists(cfg.store.path.value, ec))
        throw std::runtime_error("no store at " + cfg.store.path.value.string() +
                                 ": the control process creates it with its first round (store.path in config.yml)");
      const auto store = store::Store::open_read_only(cfg.store.path.value);
      const auto report = ops::make_contribution_report(store.contributions_by_host(o->since),
                                                        config::build_slot_table(cfg), o->since, store.head());
      if (o->json)
        std::cout << ops::to_json(report).dump() << "\n";
      else
        std::cout << ops::format_contribution_report(report);
    });
  });
}

}  // namespace proofgrid::cli
