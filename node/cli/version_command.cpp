#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backends/registry/registry.hpp"
#include "node/build_info.hpp"
#include "node/cli/commands.hpp"

namespace proofgrid::cli {
namespace {

// The registry's table: what this binary can create (`proofgrid backends` says what runs here).
std::vector<std::string> backends() { return backends::compiled_backends(); }

}  // namespace

void add_version_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the version, build options and the backends compiled in");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print one JSON object (for scripts)");
  cmd->footer(
      "Examples:\n"
      "  proofgrid version\n"
      "  proofgrid version --json | jq -r '.backends[]'");
  cmd->callback([json] {
    auto list = backends();
    if (*json) {
      std::cout << nlohmann::json{{"version", build_info::kVersion},
                                  {"build_type", build_info::kBuildType},
                                  {"compiler", build_info::kCompiler},
                                  {"backends", list},
                                  {"opencl_headers", build_info::kOpenCL},
                                  {"sanitizers", build_info::kSanitized}}
                       .dump()
                << "\n";
      return;
    }
    std::string names;
    for (const auto& b : list) names += (names.empty() ? "" : ", ") + b;
    std::cout << "proofgrid " << build_info::kVersion << "\n"
              << "build type: " << build_info::kBuildType << "\n"
              << "compiler:   " << build_info::kCompiler << "\n"
              << "backends:   " << (names.empty() ? "none compiled in (this build has no backend implementations)" : names) << "\n"
              << "opencl:     " << (build_info::kOpenCL ? "headers found (ICD loaded at run time)" : "disabled (no headers or PROOFGRID_OPENCL=OFF)") << "\n"
              << "sanitizers: " << (build_info::kSanitized ? "asan+ubsan" : "off") << "\n";
  });
}

}  // namespace proofgrid::cli
