// `proofgrid kzg commit|prove`: CommitRaw / ProveRaw of the reference on the command line.
#include <chrono>
#include <iostream>
#include <optional>
#include <string>

#include "engine/kzg/kzg.hpp"
#include "engine/kzg/srs.hpp"
#include "node/build_info.hpp"
#include "node/cli/backends_command.hpp"
#include "node/cli/commands.hpp"

namespace proofgrid::cli {
namespace {

struct KzgArgs {
  std::string data_hex;
  std::size_t poly_size = 128;
  std::size_t index = 0;
  std::string srs_file;
  std::string backend;
};

void add_common_options(CLI::App* cmd, KzgArgs& args) {
  cmd->add_option("--data", args.data_hex, "The data as hex (optional 0x); cut into 64-byte big-endian chunks")
      ->required();
  cmd->add_option("--poly-size", args.poly_size, "Polynomial size N: 16, 32, ..., 1024 (2048/65536: reference only)")
      ->required();
  cmd->add_option("--srs", args.srs_file,
                  "Ceremony JSON (either layout); default $PROOFGRID_SRS, else the shared excerpt");
  add_backend_option(cmd, args.backend);
}

// One commit or proof per process: a table-free MSM beats building a fixed-base table. Without
// --backend the engine's best CPU kernels run (the simd backend's).
struct OneShot {
  std::unique_ptr<Backend> backend;
  kzg::Kernels kernels;
};
OneShot one_shot_kernels(const std::string& backend) {
  OneShot k;
  if (!backend.empty()) k.backend = backend_from_cli(backend);
  k.kernels = k.backend ? k.backend->kzg_kernels() : kzg::cpu_kernels();
  k.kernels.use_tables = false;
  return k;
}

// --srs FILE, else $PROOFGRID_SRS, else the excerpt in the shared directory of this build.
std::shared_ptr<const kzg::Srs> load_srs_for_cli(const std::string& explicit_path) {
  const std::filesystem::path path =
      explicit_path.empty() ? kzg::default_srs_path(build_info::kSharedDir) : std::filesystem::path(explicit_path);
  return kzg::Srs::load(path);
}

}  // namespace

void report_errors(const std::function<void()>& body) {
  try {
    body();
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    throw CLI::RuntimeError(1);
  }
}

void add_kzg_command(CLI::App& app) {
  auto* kzg_cmd = app.add_subcommand("kzg", "KZG commitments over BLS48-581, byte-compatible with the reference");
  kzg_cmd->require_subcommand(1);
  kzg_cmd->footer(
      "Commit to data, or open one 64-byte chunk of it, exactly as Quilibrium's CommitRaw/ProveRaw.\n"
      "Points print as 74-byte compressed hex (02/03 = parity of y, then x; infinity is 03 00..00).\n"
      "Examples:\n"
      "  proofgrid kzg commit --data 0x01 --poly-size 16\n"
      "  proofgrid kzg prove  --data 0x01 --index 0 --poly-size 16\n"
      "SRS: --srs FILE, else $PROOFGRID_SRS, else " +
      kzg::default_srs_path(build_info::kSharedDir).string() +
      ".\nThe public excerpt serves N <= 256; larger N need the production file or a test setup from\n"
      "`proofgrid srs generate`.");

  static KzgArgs commit_args, prove_args;
  auto* commit = kzg_cmd->add_subcommand("commit", "Print the commitment to --data at --poly-size");
  add_common_options(commit, commit_args);
  commit->footer(
      "The data is cut into 64-byte chunks (a short tail is read big-endian at its own length),\n"
      "padded with zero chunks to N evaluations, and committed with the Lagrange basis G1FFT_N.\n"
      "Example (unit vector at slot 0 of a 128-point polynomial):\n"
      "  proofgrid kzg commit --poly-size 128 --data $(printf '%0127d1' 0)\n"
      "  proofgrid kzg commit --poly-size 16 --data 0x01 --backend opencl");
  commit->callback([] {
    report_errors([] {
      const auto srs = load_srs_for_cli(commit_args.srs_file);
      const Bytes data = from_hex(commit_args.data_hex);
      const OneShot k = one_shot_kernels(commit_args.backend);
      std::cout << to_hex(kzg::commit_raw(*srs, data, commit_args.poly_size, k.kernels)) << "\n";
    });
  });

  auto* prove = kzg_cmd->add_subcommand("prove", "Print the opening proof of chunk --index of --data");
  add_common_options(prove, prove_args);
  prove->add_option("--index", prove_args.index, "The chunk to open, 0 <= I < N (chunks past the data open a zero)")
      ->required();
  prove->footer(
      "The proof pi = [(c(tau) - c(z)) / (tau - z)]_1 with z = omega_N^I; it opens chunk I as the\n"
      "64-byte value the commitment binds.\n"
      "Example:\n"
      "  proofgrid kzg prove --data 0x0102 --index 0 --poly-size 16 --srs ../shared/srs/quilibrium-ceremony-excerpt-n256.json");
  prove->callback([] {
    report_errors([] {
      const auto srs = load_srs_for_cli(prove_args.srs_file);
      const Bytes data = from_hex(prove_args.data_hex);
      const OneShot k = one_shot_kernels(prove_args.backend);
      std::cout << to_hex(kzg::prove_raw(*srs, data, prove_args.index, prove_args.poly_size, k.kernels)) << "\n";
    });
  });
}

}  // namespace proofgrid::cli
