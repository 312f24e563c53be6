#pragma once
// `--backend NAME` for the commands that compute (vdf solve, kzg commit|prove, bench): one
// option definition and one way to turn it into an instance.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "engine/backend/backend.hpp"

namespace proofgrid::cli {

// Adds `--backend NAME` to cmd (cpu, simd, opencl, auto; empty when not given).
CLI::Option* add_backend_option(CLI::App* cmd, std::string& name);

// The named backend; for "auto" prints its choice and the reason on stderr. Throws
// backends::BackendUnavailable with what to install when the backend cannot run here.
std::unique_ptr<Backend> backend_from_cli(const std::string& name);

}  // namespace proofgrid::cli
