#pragma once
// One add_*_command per subcommand; main.cpp wires them into the CLI11 application.
// Each command lives in its own file in node/cli/.
#include <functional>

#include <CLI/CLI.hpp>

namespace proofgrid::cli {

void add_version_command(CLI::App& app);
void add_config_command(CLI::App& app);
void add_vdf_command(CLI::App& app);  // vdf_command.cpp
void add_kzg_command(CLI::App& app);
void add_srs_command(CLI::App& app);
void add_chain_command(CLI::App& app);   // chain_command.cpp
void add_verify_command(CLI::App& app);  // verify_command.cpp
void add_backends_command(CLI::App& app);  // backends_command.cpp
// Runs a command body: an exception becomes one "error: ..." line on stderr and exit status 1.
void report_errors(const std::function<void()>& body);
void add_cluster_command(CLI::App& app);
void add_status_command(CLI::App& app);  // status, worker, reload, report: the running cluster
void add_worker_command(CLI::App& app);
void add_reload_command(CLI::App& app);
void add_report_command(CLI::App& app);

}  // namespace proofgrid::cli
