#include "benchmarks/bench_command.hpp"

namespace proofgrid::bench {

void add_bench_command(CLI::App& app) {
  auto* bench = app.add_subcommand("bench", "Measure this machine: VDF, KZG, backends, transport");
  bench->require_subcommand(0, 1);  // bare `bench` runs the whole suite
  bench->footer("Example:\n  proofgrid bench vdf --json");
  (void)bench;  // children are added below, one line per benchmark family
  add_opencl_bench_command(*bench);
  add_vdf_bench(*bench);
  add_kzg_bench(*bench);
  add_backends_bench(*bench);
  add_suite_command(*bench);  // bare bench, compare, scaling-probe (benchmarks/suite)
}

}  // namespace proofgrid::bench
