#include <iostream>

#include "node/build_info.hpp"
#include "node/cli/commands.hpp"

namespace proofgrid::cli {

void add_version_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the version and build options");
  cmd->footer("Example:\n  proofgrid version");
  cmd->callback([] {
    std::cout << "proofgrid " << build_info::kVersion << "\n"
              << "build type: " << build_info::kBuildType << "\n"
              << "compiler:   " << build_info::kCompiler << "\n"
              << "opencl:     " << (build_info::kOpenCL ? "compiled in" : "not compiled") << "\n"
              << "sanitizers: " << (build_info::kSanitized ? "asan+ubsan" : "off") << "\n";
  });
}

}  // namespace proofgrid::cli
