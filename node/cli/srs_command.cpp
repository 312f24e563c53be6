// `proofgrid srs generate|info`: insecure test setups for local clusters, and inspecting a file.
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>

#include "engine/kzg/domain.hpp"
#include "engine/kzg/srs.hpp"
#include "engine/kzg/srs_generate.hpp"
#include "node/cli/commands.hpp"

namespace proofgrid::cli {
namespace {

struct GenerateArgs {
  std::size_t size = 0;
  std::string seed;
  std::string out;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void generate(const GenerateArgs& a) {
  std::cerr << "WARNING: generating an INSECURE setup: tau comes from the seed you typed. Anyone who knows it\n"
               "can forge every commitment and opening made with this file. Local test clusters only.\n";
  const auto t0 = std::chrono::steady_clock::now();
  kzg::GeneratedSrsInfo info;
  const nlohmann::json doc = kzg::generate_insecure_srs(a.size, a.seed, &info);
  std::ofstream out(a.out, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + a.out);
  out << doc.dump(1) << "\n";
  out.close();
  if (!out) throw std::runtime_error("writing " + a.out + " failed");
  std::cout << "wrote " << a.out << ": " << info.g1_powers << " G1 powers, " << info.lagrange_tables
            << " Lagrange tables (N = 16 ... " << std::min<std::size_t>(a.size, kzg::kMaxRealDomain) << "), "
            << info.g2_powers << " G2 powers, in " << seconds_since(t0) << " s  [INSECURE test setup]\n";
}

void info(const std::string& file, bool subgroup) {
  const auto t0 = std::chrono::steady_clock::now();
  kzg::SrsLoadOptions options;
  options.check_subgroup = subgroup;
  options.warn = [](const std::string& w) { std::cerr << w << "\n"; };
  std::shared_ptr<const kzg::Srs> srs;
  try {
    srs = kzg::Srs::load(file, options);
  } catch (const std::exception& e) {
    std::cout << "file:       " << file << "\nvalidation: FAILED\n";
    throw;
  }
  const double load_s = seconds_since(t0);
  std::cout << "file:       " << file << "\n"
            << "layout:     "
            << (srs->layout() == kzg::SrsLayout::kCeremony ? "ceremony.json (spec §4.3)" : "optimized_ceremony.json (spec §4.2)")
            << "\n"
            << "security:   " << (srs->insecure_note() ? "INSECURE test setup: " + *srs->insecure_note() : "no insecure marker")
            << "\n"
            << "G1 powers:  " << srs->g1_powers().size() << "\n"
            << "G2 powers:  " << srs->g2_powers().size() << (srs->g2_tau() ? " ([0] = G2 and [1] = [tau]_2 decoded and in G2)" : "")
            << "\n"
            << "G1FFT:      ";
  for (std::size_t n : srs->lagrange_sizes()) std::cout << n << " ";
  // The supported sizes for which `require` does not throw.
  auto servable = [](const std::function<void(std::size_t)>& require) {
    std::string out;
    for (std::size_t n = 16; n <= 65536; n *= 2) {
      if (!kzg::is_supported_poly_size(n)) continue;
      try {
        require(n);
        out += std::to_string(n) + " ";
      } catch (const std::exception&) {
      }
    }
    return out;
  };
  std::cout << "\ncommit at:  " << servable([&](std::size_t n) { srs->require_commit(n); });
  std::cout << "\nprove at:   " << servable([&](std::size_t n) { srs->require_prove(n); });
  std::cout << "\nvalidation: ok (G1 points on the curve" << (subgroup ? " and in G1" : ", G1 subgroup checks skipped")
            << ", G1Powers[0] = G1, root tables per spec §5, Lagrange tables match the powers) in " << load_s << " s\n";
}

}  // namespace

void add_srs_command(CLI::App& app) {
  auto* srs = app.add_subcommand("srs", "Structured reference strings: generate test setups, inspect files");
  srs->require_subcommand(1);
  srs->footer(
      "Examples:\n"
      "  proofgrid srs generate --size 1024 --insecure-tau-seed my-test-cluster --out srs-1024.json\n"
      "  proofgrid srs info ../shared/srs/quilibrium-ceremony-excerpt-n256.json");

  static GenerateArgs gen;
  auto* g = srs->add_subcommand("generate", "Write an INSECURE setup whose tau comes from a public seed");
  g->add_option("--size", gen.size, "Largest polynomial size it serves (>= 16; writes size + 1 G1 powers)")->required();
  g->add_option("--insecure-tau-seed", gen.seed, "Any string; tau = SHAKE256(domain || seed) mod r")->required();
  g->add_option("--out", gen.out, "Output JSON file (optimized_ceremony.json layout)")->required();
  g->footer(
      "For local clusters larger than the public excerpt (N = 1024 needs 1024 powers). The file is\n"
      "marked \"insecure\" and every load warns: whoever knows the seed can forge openings.\n"
      "Example:\n"
      "  proofgrid srs generate --size 1024 --insecure-tau-seed lab-cluster --out srs-1024.json\n"
      "  proofgrid kzg commit --srs srs-1024.json --poly-size 1024 --data 0x01");
  g->callback([] { report_errors([] { generate(gen); }); });

  static std::string info_file;
  static bool no_subgroup = false;
  auto* i = srs->add_subcommand("info", "Load and validate an SRS file; print what it can serve");
  i->add_option("FILE", info_file, "Ceremony JSON file (either layout)")->required();
  i->add_flag("--no-subgroup-check", no_subgroup, "Skip per-point subgroup checks (trusted, very large files)");
  i->footer("Example:\n  proofgrid srs info ../shared/srs/quilibrium-ceremony-excerpt-n256.json");
  i->callback([] { report_errors([] { info(info_file, !no_subgroup); }); });
}

}  // namespace proofgrid::cli
