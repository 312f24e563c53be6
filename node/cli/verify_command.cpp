// `proofgrid verify`: checks every stored record of the node's store (VDF proof, continuity,
// the commitment and opening recomputed bit-exactly from the stored digests) and exits
// non-zero on any invalid record or gap.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/kzg/srs.hpp"
#include "node/build_info.hpp"
#include "node/cli/commands.hpp"
#include "node/cli/run_node.hpp"
#include "node/config/loader.hpp"
#include "node/store/verify.hpp"

namespace proofgrid::cli {
namespace {

struct VerifyArgs {
  std::filesystem::path config_dir = kDefaultConfigDir;
  std::string store_file;
  std::string srs_file;
  std::optional<std::uint64_t> from;
  std::optional<std::uint64_t> to;
  bool json = false;
};

// --store/--srs win; otherwise config.yml's store.path and engine.srsPath; the SRS falls
// back to the default file.
std::pair<std::filesystem::path, std::filesystem::path> resolve_paths(const VerifyArgs& a) {
  std::filesystem::path store = a.store_file, srs = a.srs_file;
  if (store.empty() || srs.empty()) {
    const bool need_config = store.empty();
    std::error_code ec;
    if (need_config || std::filesystem::exists(a.config_dir / config::kConfigFileName, ec)) {
      const config::Config cfg = config::load_config(a.config_dir);
      if (store.empty()) store = cfg.store.path.value;
      if (srs.empty()) srs = cfg.engine.srs_path.value;
    }
  }
  if (srs.empty()) srs = kzg::default_srs_path(build_info::kSharedDir);
  return {store, srs};
}

std::function<void(std::uint64_t, std::uint64_t)> progress_printer() {
  if (isatty(STDERR_FILENO) == 0) return {};
  return [](std::uint64_t done, std::uint64_t total) {
    std::fprintf(stderr, "\rverify: %llu/%llu records", static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total));
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

void print_details(std::ostream& os, const store::StoreVerification& v) {
  for (const auto& p : v.problems)
    for (const auto& f : p.failures)
      os << "invalid record " << p.increment << " (" << chain::to_string(f.check) << "): " << f.detail << "\n";
  for (const auto& g : v.gap_runs) {
    if (g.first == g.last) os << "gap: increment " << g.first << " has no record\n";
    else os << "gap: increments " << g.first << " .. " << g.last << " have no record\n";
  }
}

// true when every record in range is valid and none is missing.
bool run_verify(const VerifyArgs& a) {
  if (a.from && a.to && *a.from > *a.to)
    throw CLI::ValidationError("--from", "--from " + std::to_string(*a.from) + " is after --to " + std::to_string(*a.to));
  const auto [store_path, srs_path] = resolve_paths(a);
  const store::Store store = store::Store::open_read_only(store_path);
  const auto srs = kzg::Srs::load(srs_path);
  store::VerifyOptions options;
  options.from = a.from.value_or(0);
  options.to = a.to;
  options.progress = progress_printer();
  const store::StoreVerification v = store::verify_store(store, *srs, options);

  if (a.json) {
    // Keys in the documented order (ordered_json keeps insertion order).
    std::cout << nlohmann::ordered_json{{"records", v.records},
                                {"valid", v.valid},
                                {"invalid", v.invalid},
                                {"gaps", v.gaps},
                                {"head", v.head ? nlohmann::ordered_json(*v.head) : nlohmann::ordered_json(nullptr)}}
                     .dump()
              << "\n";
    print_details(std::cerr, v);
  } else {
    const auto& id = store.identity();
    std::cout << "store " << store.file().string() << ": peer id " << to_hex(id.peer_id) << ", genesis "
              << id.genesis.size() << " bytes, "
              << (id.fixed_difficulty ? "T = " + std::to_string(id.fixed_difficulty) : std::string("T = D(k)")) << "\n";
    print_details(std::cout, v);
    std::cout << (v.head ? "head: round " + std::to_string(*v.head) + " (its record comes with the next round)"
                         : std::string("head: none (no round stored yet)"))
              << "\n"
              << v.records << " records checked: " << v.valid << " valid, " << v.invalid << " invalid, " << v.gaps
              << " missing (gaps)\n"
              << (v.ok() ? "OK" : "FAILED") << "\n";
  }
  return v.ok();
}

}  // namespace

void add_verify_command(CLI::App& app) {
  auto args = std::make_shared<VerifyArgs>();
  auto* cmd = app.add_subcommand("verify", "Check every record in the node's store; exit 1 on any invalid record or gap");
  add_config_dir_option(*cmd, args->config_dir);
  cmd->add_option("--store", args->store_file, "The SQLite store to check (default: store.path of config.yml)")
      ->type_name("FILE");
  cmd->add_option("--srs", args->srs_file, "Ceremony JSON the chain was made with (default: engine.srsPath, else the shared excerpt)")
      ->type_name("FILE");
  cmd->add_option("--from", args->from, "First increment to check (default 0)")->type_name("K");
  cmd->add_option("--to", args->to, "Last increment to check (default: the last record, head - 1)")->type_name("K");
  cmd->add_flag("--json", args->json, R"(Print {"records":R,"valid":V,"invalid":I,"gaps":G,"head":K}; details go to stderr)");
  cmd->footer(
      "For each record k: VDF.Verify of the opened output (challenge SHA3-256(BE32(idx) || peerId || C_{k-1}), T of\n"
      "round k); SHA3-512 of that output is the stored digest idx; C_k and the opening proof recomputed from all\n"
      "stored digests equal the record's, bit for bit; idx is the one round k+1's commitment selects; and its\n"
      "challenge is record k-1's commitment (the genesis for k = 0). A gap is an increment below the head without\n"
      "a record. The head (last stored round) has no record yet: it comes with the next round.\n"
      "Exit status: 0 every record valid and no gap; 1 otherwise, or when the store cannot be read.\n"
      "Examples:\n"
      "  proofgrid verify --config /srv/pg/.config\n"
      "  proofgrid verify --config /srv/pg/.config --json --from 1000 --to 1999\n"
      "  proofgrid verify --store /tmp/chain.sqlite");
  cmd->callback([args] {
    bool ok = false;
    report_errors([&] { ok = run_verify(*args); });
    if (!ok) throw CLI::RuntimeError(1);
  });
}

}  // namespace proofgrid::cli
