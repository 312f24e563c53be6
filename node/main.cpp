// proofgrid: the node executable. With no subcommand it runs the node (control process,
// or a data worker with --core N); subcommands are tools for operators and scripts.
#include <iostream>

#include "benchmarks/bench_command.hpp"
#include "node/cli/commands.hpp"
#include "node/cli/run_node.hpp"

int main(int argc, char** argv) {
  CLI::App app{"proofgrid: heterogeneous-compute proving engine and cluster node"};
  app.require_subcommand(0, 1);

  // Subcommands, one line each (definitions live in node/cli/*_command.cpp).
  proofgrid::cli::add_version_command(app);
  proofgrid::cli::add_config_command(app);
  proofgrid::cli::add_cluster_command(app);
  proofgrid::cli::add_status_command(app);
  proofgrid::cli::add_worker_command(app);
  proofgrid::cli::add_reload_command(app);
  proofgrid::cli::add_report_command(app);
  proofgrid::cli::RunOptions run_options;  // no subcommand: run the node
  proofgrid::cli::add_run_options(app, run_options);
  proofgrid::cli::add_vdf_command(app);
  proofgrid::cli::add_kzg_command(app);
  proofgrid::cli::add_srs_command(app);
  proofgrid::cli::add_chain_command(app);
  proofgrid::cli::add_verify_command(app);
  proofgrid::cli::add_backends_command(app);
  proofgrid::bench::add_bench_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    // A command that did not handle its own error: one clear line, never a terminate().
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  if (app.get_subcommands().empty()) return proofgrid::cli::run_node(run_options);
  return 0;
}
