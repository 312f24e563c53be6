// `proofgrid bench backends`: each usable backend on each kernel, in one process run -
// MSM at N = 1024 over a fixed-base table (as commit uses the SRS tables), the inverse FFT at
// N = 1024, and VDF squarings per second summed over a batch. Figures and ratios from this run;
// nothing here asserts a speed.
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backends/registry/measure.hpp"
#include "backends/registry/registry.hpp"
#include "benchmarks/bench_command.hpp"

namespace proofgrid::bench {
namespace {

struct Options {
  bool json = false;
  std::size_t threads = 1;
  std::uint32_t vdf_t = 1000;
  std::size_t opencl_chains = 64;
  int runs = 3;
  std::string only;  // comma-separated backend names; empty: every usable one
};

bool wanted(const Options& o, const std::string& name) {
  if (o.only.empty()) return true;
  std::stringstream in(o.only);
  for (std::string item; std::getline(in, item, ',');)
    if (item == name) return true;
  return false;
}

using Json = nlohmann::ordered_json;  // backends in registry order, cpu first

Json run(const Options& o) {
  Json r{{"msm_ms_n1024", Json::object()},
         {"fft_ms_n1024", Json::object()},
         {"vdf_squarings_per_second", Json::object()},
         {"cpu_time", {{"msm_ms_n1024", Json::object()},
                       {"fft_ms_n1024", Json::object()},
                       {"vdf_squarings_per_cpu_second", Json::object()}}},
         {"devices", Json::object()},
         {"vdf_batch", Json::object()},
         {"threads", o.threads},
         {"vdf_t", o.vdf_t},
         {"runs", o.runs},
         {"msm", "fixed-base table over 1024 bases, 512-bit scalars (commit's Lagrange table); "
                 "table built before timing"}};
  for (const auto& info : backends::list_backends()) {
    if (!wanted(o, info.name)) continue;
    if (!info.available) {
      r["unavailable"][info.name] = info.reason;
      continue;
    }
    backends::MeasureSpec spec;
    spec.msm_n = 1024;
    spec.msm_fixed = true;
    spec.fft_n = 1024;
    spec.vdf_t = o.vdf_t;
    spec.runs = o.runs;
    // A batch that fills the backend: one job per thread on the CPU, many chains on a device.
    spec.vdf_jobs = info.name == "opencl" ? o.opencl_chains : o.threads;
    auto backend = backends::create_backend(info.name, {o.threads, ""});
    std::fprintf(stderr, "bench backends: %s on %s ...\n", info.name.c_str(), backend->device().c_str());
    const backends::Measurement m = backends::measure(*backend, spec);
    r["msm_ms_n1024"][info.name] = m.msm_ms();
    r["fft_ms_n1024"][info.name] = 1e3 * m.fft->wall;
    r["vdf_squarings_per_second"][info.name] = m.vdf_squarings_per_second();
    r["cpu_time"]["msm_ms_n1024"][info.name] = 1e3 * m.msm.cpu;
    r["cpu_time"]["fft_ms_n1024"][info.name] = 1e3 * m.fft->cpu;
    r["cpu_time"]["vdf_squarings_per_cpu_second"][info.name] = m.vdf_squarings / m.vdf.cpu;
    r["vdf_batch"][info.name] = spec.vdf_jobs;
    r["devices"][info.name] = backend->device();
  }
  // Ratios against the reference, the form the targets are stated in (wall-clock figures).
  if (r["msm_ms_n1024"].contains("cpu")) {
    auto ratio = [&](const char* key, const std::string& name, bool lower_is_better) {
      const double ref = r[key]["cpu"], v = r[key][name];
      return lower_is_better ? ref / v : v / ref;
    };
    for (const auto& [name, v] : r["msm_ms_n1024"].items()) {
      if (name == "cpu") continue;
      r["speedup_over_cpu"][name] = {{"msm", ratio("msm_ms_n1024", name, true)},
                                     {"fft", ratio("fft_ms_n1024", name, true)},
                                     {"vdf", ratio("vdf_squarings_per_second", name, false)}};
    }
  }
  return r;
}

void print_table(const Json& r) {
  std::printf("Backends, best of %d runs; CPU backends with %zu thread(s); VDF T = %u per job\n",
              r["runs"].get<int>(), r["threads"].get<std::size_t>(), r["vdf_t"].get<unsigned>());
  std::printf("  MSM: %s\n", r["msm"].get<std::string>().c_str());
  std::printf("  (cpu ...: process CPU time of the same run, steadier when the machine is shared)\n");
  std::printf("  %-8s %21s %21s %30s\n", "backend", "MSM N=1024 ms (cpu)", "FFT N=1024 ms (cpu)",
              "VDF squarings/s (jobs; per cpu-s)");
  const Json& cpu = r["cpu_time"];
  for (const auto& [name, msm] : r["msm_ms_n1024"].items()) {
    char vdf[64];
    std::snprintf(vdf, sizeof vdf, "%.0f (%zu; %.0f)", r["vdf_squarings_per_second"][name].get<double>(),
                  r["vdf_batch"][name].get<std::size_t>(), cpu["vdf_squarings_per_cpu_second"][name].get<double>());
    std::printf("  %-8s %12.2f (%6.2f) %12.3f (%6.3f) %30s\n", name.c_str(), msm.get<double>(),
                cpu["msm_ms_n1024"][name].get<double>(), r["fft_ms_n1024"][name].get<double>(),
                cpu["fft_ms_n1024"][name].get<double>(), vdf);
  }
  if (r.contains("speedup_over_cpu"))
    for (const auto& [name, x] : r["speedup_over_cpu"].items())
      std::printf("  %-8s vs cpu: MSM %.2fx, FFT %.2fx, VDF %.2fx\n", name.c_str(), x["msm"].get<double>(),
                  x["fft"].get<double>(), x["vdf"].get<double>());
  for (const auto& [name, device] : r["devices"].items())
    std::printf("  %-8s %s\n", name.c_str(), device.get<std::string>().c_str());
  if (r.contains("unavailable"))
    for (const auto& [name, why] : r["unavailable"].items())
      std::printf("  %-8s not usable: %s\n", name.c_str(), why.get<std::string>().c_str());
}

}  // namespace

void add_backends_bench(CLI::App& bench) {
  static Options o;
  auto* cmd = bench.add_subcommand("backends", "Time every usable backend on MSM, FFT and VDF batches");
  cmd->add_flag("--json", o.json,
                "Print one JSON object: {\"msm_ms_n1024\":{\"cpu\":x,...},\"vdf_squarings_per_second\":{...},...}");
  cmd->add_option("--threads", o.threads, "Threads per CPU backend (1: the per-core figure the targets use)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--vdf-t", o.vdf_t, "Squarings per VDF job")->check(CLI::PositiveNumber)->capture_default_str();
  cmd->add_option("--opencl-chains", o.opencl_chains, "VDF jobs per opencl batch (use thousands on a GPU)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--runs", o.runs, "Runs per figure; the best is reported")->check(CLI::Range(1, 100))->capture_default_str();
  cmd->add_option("--only", o.only, "Comma-separated backends to time (default: every usable one)");
  cmd->footer(
      "CPU backends run one VDF job per thread; opencl runs --opencl-chains chains at once. On a\n"
      "busy machine take the best of several runs; compare backends within one run.\n"
      "Examples:\n"
      "  proofgrid bench backends\n"
      "  proofgrid bench backends --json --only cpu,simd\n"
      "  PROOFGRID_OPENCL_DEVICE=0:0 proofgrid bench backends --only cpu,opencl --opencl-chains 4096");
  cmd->callback([] {
    Json r;
    try {
      r = run(o);
    } catch (const std::exception& e) {
      std::cerr << "bench backends: " << e.what() << "\n";
      throw CLI::RuntimeError(1);
    }
    if (o.json) std::cout << r.dump(2) << "\n";
    else print_table(r);
  });
}

}  // namespace proofgrid::bench
