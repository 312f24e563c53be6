#pragma once
// `proofgrid bench …`: each benchmark family registers one child command here.
#include <CLI/CLI.hpp>

namespace proofgrid::bench {

// Adds the `bench` subcommand and all of its children to the application.
void add_bench_command(CLI::App& app);

// Children, one per benchmark family (each in its own folder of benchmarks/).
void add_opencl_bench_command(CLI::App& bench);  // benchmarks/opencl
void add_vdf_bench(CLI::App& bench);  // benchmarks/vdf
void add_kzg_bench(CLI::App& bench);
void add_backends_bench(CLI::App& bench);  // benchmarks/backends
void add_suite_command(CLI::App& bench);  // benchmarks/suite: the bare command, compare

}  // namespace proofgrid::bench
