// Bare `proofgrid bench [--quick|--full] [--json] [--chart FILE]` and `proofgrid bench compare`.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "benchmarks/bench_command.hpp"
#include "benchmarks/scaling/scaling_run.hpp"
#include "benchmarks/suite/command_errors.hpp"
#include "benchmarks/suite/compare.hpp"
#include "benchmarks/suite/suite_run.hpp"

namespace proofgrid::bench {
namespace {

struct SuiteFlags {
  bool quick = false, full = false, json = false;
  std::string chart, only;
};

nlohmann::ordered_json read_run(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path + ": save a run first with `proofgrid bench --json > " + path + "`");
  try {
    return nlohmann::ordered_json::parse(in);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + " is not the JSON of a bench run (" + e.what() + ")");
  }
}

void run_bench(const SuiteFlags& f) {
  SuiteOptions o;
  o.mode = f.full ? SuiteMode::full : SuiteMode::quick;
  o.only = f.only;
  // Opened before the run, so that a bad path fails at once rather than after the suite.
  std::ofstream chart;
  if (!f.chart.empty()) {
    chart.open(f.chart);
    if (!chart) throw std::runtime_error("cannot write the chart to " + f.chart + ": check the directory exists and is writable");
  }
  Progress progress(1, isatty(STDERR_FILENO) == 1);  // run_suite sets the total
  const auto r = run_suite(o, progress);
  if (chart.is_open()) {
    chart << render_svg(scaling_chart(r));
    chart.close();
    if (!chart) throw std::runtime_error("writing the chart to " + f.chart + " failed (disk full?)");
  }
  if (f.json) std::cout << r.dump(2) << "\n";
  else std::cout << suite_table(r) << (f.chart.empty() ? "" : "\nChart written to " + f.chart + "\n");
}

void add_compare_command(CLI::App& bench) {
  struct Args {
    std::string a, b;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = bench.add_subcommand("compare", "Ratios B/A of every figure two saved `bench --json` runs share");
  cmd->add_option("A", args->a, "The baseline run (JSON)")->required();
  cmd->add_option("B", args->b, "The run to compare with it (JSON)")->required();
  cmd->add_flag("--json", args->json, "Print {\"ratios\":{path:{a,b,ratio}},\"only_in_a\":[],\"only_in_b\":[]}");
  cmd->footer(
      "Every numeric figure found at the same path in both files is listed with B/A\n"
      "(times: below 1 means B is faster; rates: above 1 means B is faster).\n"
      "Example:\n"
      "  proofgrid bench --json > before.json\n"
      "  proofgrid bench --json > after.json\n"
      "  proofgrid bench compare before.json after.json");
  cmd->callback([args] {
    run_reporting_errors("bench compare", [&] {
      const auto a = read_run(args->a);  // A first, so an error names the files in order
      const Comparison c = compare_runs(a, read_run(args->b));
      if (args->json) std::cout << to_json(c).dump(2) << "\n";
      else std::cout << to_table(c, args->a, args->b);
    });
  });
}

}  // namespace

void add_suite_command(CLI::App& bench) {
  auto f = std::make_shared<SuiteFlags>();
  auto* quick = bench.add_flag("--quick", f->quick, "The short run, within about a minute (default)");
  auto* full = bench.add_flag("--full", f->full, "The long run: more samples, longer chains, oversubscribed scaling");
  quick->excludes(full);
  bench.add_flag("--json", f->json, "Print one JSON object instead of the table");
  bench.add_option("--chart", f->chart, "Write the scaling chart (SVG) to this file");
  bench.add_option("--only", f->only, "Comma-separated backends to measure (default: every usable one)");
  add_compare_command(bench);
  add_scaling_probe_command(bench);
  bench.footer(
      "Without a subcommand: the whole suite - VDF, verify and KZG per usable backend,\n"
      "the transport on loopback, scaling with 1..cores worker processes and its USL fit,\n"
      "the per-core spread, and a recommendation (workers per machine, PolySize, proofs/hour).\n"
      "A progress bar is drawn on stderr when it is a terminal. docs/benchmarks.md explains\n"
      "every figure.\n"
      "Examples:\n"
      "  proofgrid bench\n"
      "  proofgrid bench --quick --json --chart scaling.svg > run.json\n"
      "  proofgrid bench --full --chart scaling.svg\n"
      "  proofgrid bench compare before.json after.json\n"
      "  proofgrid bench vdf --json");
  auto* b = &bench;
  bench.callback([b, f] {
    if (!b->get_subcommands().empty()) return;  // a child command ran
    run_reporting_errors("bench", [&] { run_bench(*f); });
  });
}

}  // namespace proofgrid::bench
