// `proofgrid config check` and `proofgrid config init`.
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "node/cli/commands.hpp"
#include "node/cli/run_node.hpp"
#include "node/config/loader.hpp"
#include "node/config/ports.hpp"
#include "node/config/setup.hpp"
#include "node/config/slots.hpp"

namespace proofgrid::cli {
namespace {

using config::Diagnostic;

struct CheckOptions {
  std::filesystem::path config_dir = kDefaultConfigDir;
  bool json = false;
};

std::vector<std::string> texts(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(d.to_string());
  return out;
}

// Validates without writing anything. stdout carries exactly one line per slot (so scripts
// can count them); the summary and the warnings go to stderr.
int check(const CheckOptions& o) {
  std::vector<Diagnostic> warnings;
  try {
    auto cfg = config::load_config(o.config_dir);
    warnings = cfg.warnings;
    // On the control machine keys.yml must load and match the fingerprint.
    bool has_keys = std::filesystem::exists(o.config_dir / config::kKeysFileName);
    if (has_keys) {
      auto id = config::load_identity(o.config_dir);
      warnings.insert(warnings.end(), id.warnings.begin(), id.warnings.end());
      config::check_fingerprint(cfg, id.identity, warnings);
    } else if (auto w = config::worker_auth_warning(cfg)) {
      warnings.push_back(*w);
    }
    auto table = config::build_slot_table(cfg);
    auto more = config::ephemeral_port_warnings(table, config::read_port_policy(), cfg.file.string());
    warnings.insert(warnings.end(), more.begin(), more.end());

    if (o.json) {
      nlohmann::json slots = nlohmann::json::array();
      for (const auto& s : table.slots)
        slots.push_back({{"slot", s.index}, {"core", s.core}, {"address", s.address.text()},
                         {"host", s.address.host()}});
      std::cout << nlohmann::json{{"slots", slots}, {"warnings", texts(warnings)}}.dump() << "\n";
    } else {
      for (const auto& line : config::format_slot_lines(table)) std::cout << line << "\n";
    }
    std::cerr << cfg.file.string() << ": OK, " << table.slots.size() << " slot"
              << (table.slots.size() == 1 ? "" : "s")
              << (table.from_list ? " from engine.dataWorkerMultiaddrs"
                                  : " on this machine (engine.dataWorkerMultiaddrs is empty)")
              << (has_keys ? ", keys.yml matches" : ", no keys.yml (fine on a worker machine)") << "\n";
    for (const auto& w : warnings) std::cerr << w.to_string() << "\n";
    return 0;
  } catch (const config::ConfigError& e) {
    std::vector<Diagnostic> errors;
    for (const auto& d : e.diagnostics()) (d.severity == config::Severity::error ? errors : warnings).push_back(d);
    if (o.json)
      std::cout << nlohmann::json{{"errors", texts(errors)}, {"warnings", texts(warnings)}}.dump() << "\n";
    std::cerr << join_diagnostics(errors) << "\n";
    for (const auto& w : warnings) std::cerr << w.to_string() << "\n";
  }
  return 1;
}

struct InitOptions {
  std::filesystem::path config_dir = kDefaultConfigDir;
  std::optional<std::uint64_t> difficulty;
  bool force = false;
};

int init(const InitOptions& o) {
  try {
    config::FreshConfig fresh;
    fresh.difficulty = o.difficulty;
    auto result = config::init_config_dir(o.config_dir, config::this_machine(), fresh, o.force);
    std::cout << "wrote " << result.config_file.string() << "\n";
    auto keys = (o.config_dir / config::kKeysFileName).string();
    if (result.keys_generated)
      std::cout << "generated " << keys << " (mode 0600): the node identity; back it up and never "
                   "copy it to worker machines\n";
    else
      std::cout << "kept " << keys << " (the existing identity)\n";
    std::cout << "engine.controlKeyFingerprint: " << result.fingerprint << "\n"
              << "next: proofgrid config check --config " << o.config_dir.string()
              << ", then: proofgrid --config " << o.config_dir.string() << "\n";
    return 0;
  } catch (const config::ConfigError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::system_error& e) {
    std::cerr << "proofgrid: error: " << e.what() << " (check the directory's permissions)\n";
  }
  return 1;
}

// CLI11 ends parsing with a subcommand's status through an exception.
void finish(int status) {
  if (status != 0) throw CLI::RuntimeError(status);
}

}  // namespace

void add_config_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("config", "Create and validate the node's config directory");
  cmd->require_subcommand(1);
  cmd->footer(
      "Examples:\n"
      "  proofgrid config init --config ./.config     create config.yml and keys.yml\n"
      "  proofgrid config check --config ./.config    validate and print the slot table");

  auto check_opts = std::make_shared<CheckOptions>();
  auto* chk = cmd->add_subcommand(
      "check", "Validate config.yml (and keys.yml when present) and print one line per slot: "
               "slot, the --core flag that runs it, its address and host");
  add_config_dir_option(*chk, check_opts->config_dir);
  chk->add_flag("--json", check_opts->json,
                "Print {\"slots\":[{\"slot\":0,\"core\":1,\"address\":…,\"host\":…}],\"warnings\":[…]}");
  chk->footer(
      "Reads only; exits 0 when the config is usable, 1 with file:line:column messages otherwise.\n"
      "Slot lines go to stdout (one per slot), the summary and warnings to stderr.\n"
      "Examples:\n"
      "  proofgrid config check --config ./.config\n"
      "  proofgrid config check --config ./.config --json | jq '.slots[] | select(.host == \"192.168.0.201\")'");
  chk->callback([check_opts] { finish(check(*check_opts)); });

  auto init_opts = std::make_shared<InitOptions>();
  auto* ini = cmd->add_subcommand(
      "init", "Create config.yml with documented defaults, and keys.yml (the control's identity) "
              "when missing");
  add_config_dir_option(*ini, init_opts->config_dir);
  ini->add_option("--difficulty", init_opts->difficulty,
                  "Fixed VDF difficulty to write (default 0: the chain's schedule; small values make "
                  "quick local demos)")
      ->type_name("N")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{4294967295}));
  ini->add_flag("--force", init_opts->force, "Replace an existing config.yml (keys.yml is never replaced)");
  ini->footer(
      "Run it on the control machine; worker machines get a copy of config.yml only.\n"
      "Examples:\n"
      "  proofgrid config init                         ./.config with the chain's schedule\n"
      "  proofgrid config init --config /srv/pg/.config --difficulty 1000");
  ini->callback([init_opts] { finish(init(*init_opts)); });
}

}  // namespace proofgrid::cli
