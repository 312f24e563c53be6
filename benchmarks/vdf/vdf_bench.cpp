// `proofgrid bench vdf`: the VDF's speed on this machine, single core, 2048-bit discriminants.
// Every figure comes from one run of this command; nothing here is asserted by tests.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "benchmarks/bench_command.hpp"
#include "engine/common/hash.hpp"
#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/vdf.hpp"

namespace proofgrid::bench {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Bytes challenge(const std::string& label, int i) {
  const Digest32 d = sha3_256(as_bytes("proofgrid-bench-vdf/" + label + "/" + std::to_string(i)));
  return Bytes(d.begin(), d.end());
}

struct Options {
  bool json = false;
  std::uint32_t difficulty = 25000;
  std::uint32_t long_difficulty = 100000;
  int samples = 20;
  int repeats = 3;
};

nlohmann::json run(const Options& o) {
  nlohmann::json r;
  // Squarings per second on the real chain (with checkpointing), best of `repeats`.
  const auto g = vdf::group_for(challenge("chain", 0));
  double best_chain = 1e30;
  for (int i = 0; i < o.repeats; ++i) {
    const auto t0 = Clock::now();
    const vdf::Chain chain = vdf::run_chain(*g, o.difficulty);
    best_chain = std::min(best_chain, seconds_since(t0));
  }
  r["squarings_per_second"] = o.difficulty / best_chain;
  if (o.long_difficulty > 0) {
    const auto t0 = Clock::now();
    const vdf::Chain chain = vdf::run_chain(*g, o.long_difficulty);
    r["squarings_per_second_long"] = o.long_difficulty / seconds_since(t0);
    r["long_difficulty"] = o.long_difficulty;
  }
  // Proof overhead: chain and proof phases of the same solve.
  std::vector<double> ratios, proofs;
  for (int i = 0; i < o.repeats; ++i) {
    auto t0 = Clock::now();
    const vdf::Chain chain = vdf::run_chain(*g, o.difficulty);
    const double chain_s = seconds_since(t0);
    t0 = Clock::now();
    vdf::finish_proof(*g, o.difficulty, chain.y, chain.checkpoints);
    const double proof_s = seconds_since(t0);
    ratios.push_back(proof_s / chain_s);
    proofs.push_back(proof_s);
  }
  r["proof_overhead_ratio"] = *std::min_element(ratios.begin(), ratios.end());
  r["proof_seconds"] = *std::min_element(proofs.begin(), proofs.end());
  // Full solve on fresh challenges (discriminant included), best of `repeats`.
  double best_solve = 1e30;
  vdf::Output last{};
  Bytes last_challenge;
  for (int i = 0; i < o.repeats; ++i) {
    last_challenge = challenge("solve", i);
    const auto t0 = Clock::now();
    last = vdf::solve(last_challenge, o.difficulty);
    best_solve = std::min(best_solve, seconds_since(t0));
  }
  r["solve_seconds"] = best_solve;
  r["difficulty"] = o.difficulty;
  if (o.difficulty == 25000) r["solve_seconds_t25000"] = best_solve;
  // Discriminant derivation: median over `samples` fresh challenges.
  std::vector<double> disc;
  for (int i = 0; i < o.samples; ++i) {
    const Bytes c = challenge("discriminant", i);
    const auto t0 = Clock::now();
    const vdf::Mpz d = vdf::create_discriminant(c);
    disc.push_back(seconds_since(t0) * 1e3);
  }
  r["discriminant_ms"] = median(disc);
  r["discriminant_ms_max"] = *std::max_element(disc.begin(), disc.end());
  // Verify on challenges seen for the first time (discriminant included), and with the
  // group already derived (what a control process gets when it derives groups ahead).
  std::vector<double> fresh, warm;
  for (int i = 0; i < o.samples; ++i) {
    const Bytes c = challenge("verify", i);
    const vdf::Output out = vdf::solve(c, o.difficulty);  // leaves c's group in the cache
    auto t0 = Clock::now();
    const vdf::Group fresh_group(vdf::create_discriminant(c));
    const bool fresh_ok = vdf::verify(fresh_group, o.difficulty, out);
    fresh.push_back(seconds_since(t0) * 1e3);
    t0 = Clock::now();
    const bool warm_ok = vdf::verify(c, o.difficulty, out);
    warm.push_back(seconds_since(t0) * 1e3);
    if (!fresh_ok || !warm_ok) throw std::runtime_error("bench: a fresh proof did not verify");
  }
  r["verify_ms"] = median(fresh);
  r["verify_ms_group_cached"] = median(warm);
  return r;
}

}  // namespace

void add_vdf_bench(CLI::App& bench) {
  auto* cmd = bench.add_subcommand("vdf", "Wesolowski VDF: squarings/s, solve, proof, discriminant, verify");
  auto o = std::make_shared<Options>();
  cmd->add_flag("--json", o->json, "Print one JSON object instead of a table");
  cmd->add_option("--difficulty", o->difficulty, "Chain length for the squaring and solve figures")
      ->capture_default_str();
  cmd->add_option("--samples", o->samples, "Challenges for the discriminant and verify medians")
      ->capture_default_str();
  cmd->footer("Example:\n  proofgrid bench vdf --json");
  cmd->callback([o] {
    const nlohmann::json r = run(*o);
    if (o->json) {
      std::cout << r.dump() << "\n";
      return;
    }
    for (const auto& [k, v] : r.items()) std::printf("%-28s %s\n", k.c_str(), v.dump().c_str());
  });
}

}  // namespace proofgrid::bench
