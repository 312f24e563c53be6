// `proofgrid backends [--json] [--auto]`: the backends compiled into this binary, whether each
// can run here and on what; and the --backend option of the computing commands.
#include "node/cli/backends_command.hpp"

#include <iostream>

#include <nlohmann/json.hpp>

#include "backends/registry/registry.hpp"
#include "engine/common/isa.hpp"
#include "node/cli/commands.hpp"

namespace proofgrid::cli {
namespace {

struct BackendsArgs {
  bool json = false;
  bool show_auto = false;
};

void run_backends(const BackendsArgs& a) {
  const auto infos = backends::list_backends();
  std::optional<backends::AutoChoice> choice;
  if (a.show_auto) choice = backends::choose_auto_backend();
  if (a.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& info : infos) {
      nlohmann::ordered_json j{{"name", info.name}, {"available", info.available}, {"device", info.device}};
      if (!info.available) j["reason"] = info.reason;
      if (choice) j["auto"] = choice->name == info.name;
      if (choice && choice->name == info.name) j["auto_why"] = choice->why;
      out.push_back(j);
    }
    std::cout << out.dump() << "\n";
  } else {
    for (const auto& info : infos) {
      std::cout << info.name << std::string(8 - std::min<std::size_t>(7, info.name.size()), ' ')
                << (info.available ? "usable      " + info.device : "not usable  " + info.reason) << "\n";
    }
    if (choice) std::cout << "auto    -> " << choice->name << ": " << choice->why << "\n";
  }
  if (const auto problem = isa_override_problem()) std::cerr << "warning: " << *problem << "\n";
}

}  // namespace

CLI::Option* add_backend_option(CLI::App* cmd, std::string& name) {
  return cmd->add_option("--backend", name,
                         "Run the kernels on this backend: cpu (reference), simd, opencl, or auto "
                         "(fastest here, from a cached calibration); see `proofgrid backends`");
}

std::unique_ptr<Backend> backend_from_cli(const std::string& name) {
  if (name == "auto") {
    const auto choice = backends::choose_auto_backend();
    std::cerr << "backend auto: using " << choice.name << " (" << choice.why << ")\n";
    return backends::create_backend(choice.name);
  }
  return backends::create_backend(name);
}

void add_backends_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("backends", "List the compute backends compiled in, which can run here and on what");
  auto args = std::make_shared<BackendsArgs>();
  cmd->add_flag("--json", args->json,
                "Print a JSON array: [{\"name\":\"cpu\",\"available\":true,\"device\":\"...\"},...] "
                "(\"reason\" says what to install when a backend is not usable)");
  cmd->add_flag("--auto", args->show_auto,
                "Also say what --backend auto picks here and why (calibrates once, then cached)");
  cmd->footer(
      "cpu is the reference (scalar code + oneTBB); simd runs the vector kernels this CPU has\n"
      "(AVX-512 IFMA; the scalar code otherwise); opencl runs on an OpenCL device and needs a\n"
      "runtime (ocl-icd-libopencl1 plus a driver: pocl-opencl-icd for CPUs, nvidia-opencl-icd...).\n"
      "PROOFGRID_OPENCL_DEVICE picks the OpenCL device, PROOFGRID_ISA caps the CPU level.\n"
      "Examples:\n"
      "  proofgrid backends\n"
      "  proofgrid backends --json --auto\n"
      "  proofgrid vdf solve --seed-text vector-3 --difficulty 1000 --backend opencl");
  cmd->callback([args] { report_errors([&] { run_backends(*args); }); });
}

}  // namespace proofgrid::cli
