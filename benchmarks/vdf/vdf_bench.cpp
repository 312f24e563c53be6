// `proofgrid bench vdf`: the VDF's speed on this machine, single core, 2048-bit discriminants.
// Every figure comes from one run of this command; nothing here is asserted by tests.
#include <time.h>

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

// Every figure is taken twice: on the wall clock and on this thread's CPU clock. On a shared
// machine the CPU clock is the single-core figure (time the core actually spent on us); the
// wall figures show what a caller waited. cpu_share = cpu/wall over the whole run.
struct Stamp {
  std::chrono::steady_clock::time_point wall;
  double cpu;
};

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

Stamp now() { return {std::chrono::steady_clock::now(), thread_cpu_seconds()}; }

struct Span {
  double wall, cpu;
};

Span since(const Stamp& s) {
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - s.wall).count(),
          thread_cpu_seconds() - s.cpu};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Median, mean, 90th percentile (nearest rank) and maximum of per-challenge times under
// `name`: the discriminant's cost is proportional to a geometric distance, so one figure
// says little on its own.
void summarize(nlohmann::json& r, const std::string& name, std::vector<double> v) {
  if (v.empty()) return;
  r[name] = median(v);
  double sum = 0;
  for (double x : v) sum += x;
  r[name + "_mean"] = sum / static_cast<double>(v.size());
  std::sort(v.begin(), v.end());
  r[name + "_p90"] = v[(v.size() * 9 + 9) / 10 - 1];
  r[name + "_max"] = v.back();
}

Bytes challenge(const std::string& label, int i) {
  const Digest32 d = sha3_256(as_bytes("proofgrid-bench-vdf/" + label + "/" + std::to_string(i)));
  return Bytes(d.begin(), d.end());
}

struct Options {
  bool json = false;
  std::uint32_t difficulty = 25000;
  std::uint32_t long_difficulty = 200000;
  int samples = 100;
  int repeats = 3;
};

// Best (smallest) of several spans, by each clock separately.
struct Best {
  double wall = 1e300, cpu = 1e300;
  void add(const Span& s) {
    wall = std::min(wall, s.wall);
    cpu = std::min(cpu, s.cpu);
  }
};

// One chain of T squarings (with checkpoints) and the proof that finishes it, timed apart.
struct ChainAndProof {
  Span chain, proof;
};

ChainAndProof time_chain_and_proof(const vdf::Group& g, std::uint32_t difficulty) {
  Stamp t = now();
  const vdf::Chain chain = vdf::run_chain(g, difficulty);
  const Span chain_span = since(t);
  t = now();
  vdf::finish_proof(g, difficulty, chain.y, chain.checkpoints);
  return {chain_span, since(t)};
}

nlohmann::json run(const Options& o) {
  nlohmann::json r;
  const Stamp start = now();
  r["difficulty"] = o.difficulty;
  // Squarings per second on the real chain (with checkpointing): best of `repeats`.
  const auto g = vdf::group_for(challenge("chain", 0));
  Best chain_best, proof_best;
  double best_ratio = 1e300;
  for (int i = 0; i < o.repeats; ++i) {
    const ChainAndProof s = time_chain_and_proof(*g, o.difficulty);
    chain_best.add(s.chain);
    proof_best.add(s.proof);
    best_ratio = std::min(best_ratio, s.proof.cpu / s.chain.cpu);
  }
  r["squarings_per_second"] = o.difficulty / chain_best.cpu;
  r["squarings_per_second_wall"] = o.difficulty / chain_best.wall;
  r["proof_overhead_ratio"] = best_ratio;
  r["proof_seconds"] = proof_best.cpu;
  if (o.long_difficulty > 0) {
    const ChainAndProof s = time_chain_and_proof(*g, o.long_difficulty);
    r["long_difficulty"] = o.long_difficulty;
    r["squarings_per_second_long"] = o.long_difficulty / s.chain.cpu;
    r["proof_overhead_ratio_long"] = s.proof.cpu / s.chain.cpu;
  }
  // Full solve on fresh challenges (discriminant included).
  Best solve_best;
  for (int i = 0; i < o.repeats; ++i) {
    const Bytes c = challenge("solve", i);
    const Stamp t = now();
    vdf::solve(c, o.difficulty);
    solve_best.add(since(t));
  }
  r["solve_seconds"] = solve_best.cpu;
  r["solve_seconds_wall"] = solve_best.wall;
  if (o.difficulty == 25000) r["solve_seconds_t25000"] = solve_best.cpu;
  // Discriminant derivation over `samples` fresh challenges.
  std::vector<double> disc, disc_wall;
  for (int i = 0; i < o.samples; ++i) {
    const Bytes c = challenge("discriminant", i);
    const Stamp t = now();
    const vdf::Mpz d = vdf::create_discriminant(c);
    const Span s = since(t);
    disc.push_back(s.cpu * 1e3);
    disc_wall.push_back(s.wall * 1e3);
  }
  summarize(r, "discriminant_ms", disc);
  r["discriminant_ms_wall"] = median(disc_wall);
  r["samples"] = o.samples;
  // Verify on challenges seen for the first time (discriminant included), and with the group
  // already derived (what a control process gets when it derives groups ahead).
  std::vector<double> fresh, fresh_wall, warm;
  for (int i = 0; i < o.samples; ++i) {
    const Bytes c = challenge("verify", i);
    const vdf::Output out = vdf::solve(c, 1000);  // leaves c's group in the cache
    Stamp t = now();
    const vdf::Group fresh_group(vdf::create_discriminant(c));
    const bool fresh_ok = vdf::verify(fresh_group, 1000, out);
    const Span s = since(t);
    fresh.push_back(s.cpu * 1e3);
    fresh_wall.push_back(s.wall * 1e3);
    t = now();
    const bool warm_ok = vdf::verify(c, 1000, out);
    warm.push_back(since(t).cpu * 1e3);
    if (!fresh_ok || !warm_ok) throw std::runtime_error("bench: a fresh proof did not verify");
  }
  summarize(r, "verify_ms", fresh);
  r["verify_ms_wall"] = median(fresh_wall);
  r["verify_ms_group_cached"] = median(warm);
  const Span total = since(start);
  r["cpu_share"] = total.cpu / total.wall;
  r["clock"] = "thread CPU time; *_wall fields are wall-clock";
  return r;
}

}  // namespace

void add_vdf_bench(CLI::App& bench) {
  auto* cmd = bench.add_subcommand("vdf", "Wesolowski VDF: squarings/s, solve, proof, discriminant, verify");
  auto o = std::make_shared<Options>();
  cmd->add_flag("--json", o->json, "Print one JSON object instead of a table");
  cmd->add_option("--difficulty", o->difficulty, "Chain length for the squaring and solve figures")
      ->capture_default_str();
  cmd->add_option("--samples", o->samples, "Challenges for the discriminant and verify figures (median, mean, p90)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--long-difficulty", o->long_difficulty,
                  "A second, longer chain for squarings/s and the proof ratio (0: skip)")
      ->capture_default_str();
  cmd->add_option("--repeats", o->repeats, "Runs of the chain and solve figures (best is kept)")
      ->capture_default_str();
  cmd->footer(
      "Times are this thread's CPU time (the core's own speed, also on a shared machine);\n"
      "fields ending in _wall are wall-clock, cpu_share = CPU/wall over the run.\n"
      "discriminant_ms and verify_ms are medians over --samples fresh challenges (with _mean,\n"
      "_p90, _max): the discriminant's cost varies with the distance to its prime.\n"
      "Example:\n  proofgrid bench vdf --json\n  proofgrid bench vdf --difficulty 25000 --long-difficulty 0 --samples 10");
  cmd->callback([o] {
    const nlohmann::json r = run(*o);
    if (o->json) {
      std::cout << r.dump() << "\n";
      return;
    }
    for (const auto& [k, v] : r.items()) {
      if (v.is_number_float())
        std::printf("%-30s %.4g\n", k.c_str(), v.get<double>());
      else
        std::printf("%-30s %s\n", k.c_str(), v.dump().c_str());
    }
  });
}

}  // namespace proofgrid::bench
