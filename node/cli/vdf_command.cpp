// `proofgrid vdf solve|verify`: the Wesolowski VDF for operators and scripts.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/common/hash.hpp"
#include "engine/vdf/vdf.hpp"
#include "node/cli/backends_command.hpp"
#include "node/cli/commands.hpp"

namespace proofgrid::cli {
namespace {

struct VdfArgs {
  std::string challenge_hex;
  std::string seed_text;
  std::uint32_t difficulty = 0;
  std::string output_hex;
  bool json = false;
  std::string backend;  // empty: the engine's own solve (best CPU level, with progress)
};

void add_challenge_options(CLI::App* cmd, VdfArgs& a) {
  auto* hex = cmd->add_option("--challenge", a.challenge_hex,
                              "The challenge bytes as hex (any length; Quilibrium passes a 32-byte "
                              "SHA3-256 digest)");
  auto* text = cmd->add_option("--seed-text", a.seed_text,
                               "Use SHA3-256 of this string as the challenge (how the public "
                               "vectors were made)");
  hex->excludes(text);
  text->excludes(hex);
  cmd->add_option("--difficulty", a.difficulty, "T, the number of sequential squarings (0 ... 2^32-1)")
      ->required();
  cmd->add_flag("--json", a.json, "Print one JSON object instead of plain text");
}

Bytes challenge_of(const VdfArgs& a) {
  if (!a.seed_text.empty()) {
    const Digest32 d = sha3_256(as_bytes(a.seed_text));
    return Bytes(d.begin(), d.end());
  }
  if (a.challenge_hex.empty())
    throw CLI::ValidationError("challenge", "give --challenge HEX or --seed-text STR");
  try {
    return from_hex(a.challenge_hex);
  } catch (const std::invalid_argument& e) {
    throw CLI::ValidationError("--challenge", std::string(e.what()) + "; pass the challenge as hex, e.g. 5ea53d26...");
  }
}

// Progress on stderr, only for long runs on a terminal; rewrites one line.
vdf::SolveOptions progress_options(std::uint32_t difficulty) {
  vdf::SolveOptions options;
  if (difficulty < 100000 || isatty(STDERR_FILENO) == 0) return options;
  const auto start = std::chrono::steady_clock::now();
  options.progress = [start](std::uint64_t done, std::uint64_t total) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\rvdf solve: %3.0f%%  %llu/%llu squarings  %.1f s", 100.0 * done / total,
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), s);
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
  return options;
}

void run_solve(const VdfArgs& a) {
  const Bytes challenge = challenge_of(a);
  const auto start = std::chrono::steady_clock::now();
  const vdf::Output out =
      a.backend.empty() ? vdf::solve(challenge, a.difficulty, progress_options(a.difficulty))
                        : backend_from_cli(a.backend)->vdf_solve_batch(std::vector<VdfJob>{{challenge, a.difficulty}}).front();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (a.json) {
    std::cout << nlohmann::json{{"challenge", to_hex(challenge)},
                                {"difficulty", a.difficulty},
                                {"output", to_hex(out)},
                                {"seconds", seconds}}
                     .dump()
              << "\n";
  } else {
    std::cout << to_hex(out) << "\n";
  }
}

void run_verify(const VdfArgs& a) {
  const Bytes challenge = challenge_of(a);
  Bytes output;
  try {
    output = from_hex(a.output_hex);
  } catch (const std::invalid_argument& e) {
    throw CLI::ValidationError("--output", std::string(e.what()) + "; pass the 516-byte solve output as hex");
  }
  const bool ok = vdf::verify(challenge, a.difficulty, output);
  if (a.json) {
    nlohmann::json j{{"challenge", to_hex(challenge)}, {"difficulty", a.difficulty}, {"valid", ok}};
    if (output.size() != vdf::kOutputSize) j["note"] = "output is " + std::to_string(output.size()) + " bytes, expected 516";
    std::cout << j.dump() << "\n";
  } else {
    std::cout << (ok ? "valid" : "invalid") << "\n";
    if (output.size() != vdf::kOutputSize)
      std::cerr << "note: the output is " << output.size() << " bytes; a VDF output has 516\n";
  }
  if (!ok) throw CLI::RuntimeError(1);
}

}  // namespace

void add_vdf_command(CLI::App& app) {
  auto* vdf = app.add_subcommand("vdf", "Wesolowski class-group VDF (2048-bit): solve and verify");
  vdf->require_subcommand(1);
  vdf->footer(
      "Examples:\n"
      "  proofgrid vdf solve --seed-text vector-3 --difficulty 10\n"
      "  proofgrid vdf verify --seed-text vector-3 --difficulty 10 --output $(proofgrid vdf solve --seed-text vector-3 --difficulty 10)");

  auto args = std::make_shared<VdfArgs>();
  auto* solve = vdf->add_subcommand("solve", "Compute y = x^(2^T) and its proof; print the 516 bytes as hex");
  add_challenge_options(solve, *args);
  add_backend_option(solve, args->backend);
  solve->footer(
      "The output is Enc(y) || Enc(proof): 129-byte big-endian two's-complement a and b of each form.\n"
      "With T >= 100000 and stderr on a terminal, progress is shown on stderr.\n"
      "Without --backend the engine's CPU solver runs (the simd backend's code, with progress).\n"
      "Example:\n"
      "  proofgrid vdf solve --challenge 5ea53d269963334a8569fd292b01bc32b5270262137548f27d41ac102ba6e716 --difficulty 1000\n"
      "  proofgrid vdf solve --seed-text vector-3 --difficulty 1000 --backend opencl");
  solve->callback([args] { run_solve(*args); });

  auto* verify = vdf->add_subcommand("verify", "Check a 516-byte output; print valid/invalid, exit 0/1");
  add_challenge_options(verify, *args);
  verify->add_option("--output", args->output_hex, "The 516-byte solve output as hex")->required();
  verify->footer(
      "Exit status: 0 valid, 1 invalid, anything else a usage error.\n"
      "Example:\n"
      "  proofgrid vdf verify --seed-text vector-5 --difficulty 1000 --output 003ffe4a...");
  verify->callback([args] { run_verify(*args); });
}

}  // namespace proofgrid::cli
