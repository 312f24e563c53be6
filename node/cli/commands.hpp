#pragma once
// One add_*_command per subcommand; main.cpp wires them into the CLI11 application.
// Each command lives in its own file in node/cli/.
#include <CLI/CLI.hpp>

namespace proofgrid::cli {

void add_version_command(CLI::App& app);
void add_config_command(CLI::App& app);
void add_cluster_command(CLI::App& app);

}  // namespace proofgrid::cli
