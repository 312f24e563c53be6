// `proofgrid cluster plan`: the config block, per-machine commands, systemd units and
// firewall rules of a multi-machine cluster (node/ops/cluster_plan.hpp, docs/operations.md).
#include <iostream>
#include <memory>

#include "node/cli/commands.hpp"
#include "node/config/units.hpp"
#include "node/ops/cluster_files.hpp"
#include "node/ops/firewall_rules.hpp"
#include "node/ops/systemd_units.hpp"

namespace proofgrid::cli {
namespace {

struct PlanOptions {
  std::vector<std::string> hosts;
  std::optional<std::string> control;
  std::uint32_t base_port = 40000;
  std::string memory_limit = "0";
  std::string binary = "/usr/local/bin/proofgrid";
  std::string config_dir = "/var/lib/proofgrid";
  std::string user = "proofgrid";
  std::optional<std::string> fingerprint;
  std::optional<std::filesystem::path> out;
  bool json = false;
};

ops::PlanInput plan_input(const PlanOptions& o) {
  ops::PlanInput in;
  for (const auto& h : o.hosts) in.hosts.push_back(ops::parse_host_spec(h));
  in.control_host = o.control;
  in.base_port = o.base_port;
  auto bytes = config::parse_byte_size(o.memory_limit);
  if (!bytes)
    throw ops::PlanError("--memory-limit \"" + o.memory_limit +
                         "\" is not a size: write it like 2GiB, 512MiB or a number of bytes (0 = no limit)");
  in.memory_limit = *bytes;
  in.binary = o.binary;
  in.config_dir = o.config_dir;
  in.user = o.user;
  in.control_key_fingerprint = o.fingerprint;
  // The machines' kernels are not this one, but usually share its ephemeral range (the Linux
  // default when it cannot be read). Reserved ports are per machine: the scripts set them.
  in.ports = config::read_port_policy();
  in.ports.reserved.clear();
  if (!in.ports.ephemeral) in.ports = {config::PortRange{32768, 60999}, {}, "the Linux default ip_local_port_range"};
  return in;
}

void print_section(const std::string& title) { std::cout << "\n--- " << title << " ---\n"; }

void print_text(const ops::ClusterPlan& plan) {
  std::size_t machines = 0;
  for (const auto& m : plan.machines) machines += m.workers() > 0;
  std::cout << "proofgrid cluster plan: " << plan.total_workers << " data workers on " << machines
            << (machines == 1 ? " machine" : " machines") << ", ports " << plan.input.base_port << "-"
            << plan.input.base_port + plan.total_workers - 1 << ", control process on " << plan.control_host << "\n"
            << "PolySize: N = " << plan.poly_size << " per commitment, " << plan.chunks
            << (plan.chunks == 1 ? " commitment" : " commitments") << " per round\n";
  print_section("config.yml: the worker list (--out DIR writes the complete file)");
  std::cout << ops::multiaddr_block(plan);
  for (const auto& m : plan.machines) {
    print_section(m.spec.host + ": " + ops::machine_summary(m));
    std::cout << "systemd:   " << ops::systemctl_command(m) << "\n"
              << "or shell:  " << ops::machine_command(plan, m) << "\n";
    if (m.workers() == 0) continue;
    auto ufw = ops::ufw_rules(plan, m);
    if (ufw.empty()) std::cout << "ufw:       nothing to open (the control reaches its own workers over loopback)\n";
    for (const auto& rule : ufw) std::cout << "ufw:       " << rule << "\n";
    for (const auto& rule : ops::nft_rules(plan, m)) std::cout << "nftables:  " << rule << "\n";
  }
  print_section(ops::kControlUnitName);
  std::cout << ops::control_unit(plan);
  print_section(ops::kWorkerUnitName);
  std::cout << ops::worker_unit(plan);
}

int plan_command(const PlanOptions& o) {
  try {
    auto plan = ops::make_plan(plan_input(o));
    if (o.out) {
      auto files = ops::plan_files(plan);
      ops::write_plan_files(files, *o.out);
      if (!o.json) {
        for (const auto& f : files) std::cout << "wrote " << (*o.out / f.name).string() << "\n";
        std::cout << "next: copy config.yml, the .service files and each machine's commands-<host>.sh and "
                     "firewall-<host>.* to that machine, then run commands-<host>.sh there as root\n";
      }
    }
    if (o.json) std::cout << ops::plan_json(plan).dump(2) << "\n";
    else if (!o.out) print_text(plan);
    if (!o.json)
      for (const auto& w : plan.warnings) std::cerr << "warning: " << w << "\n";
    return 0;
  } catch (const ops::PlanError& e) {
    std::cerr << "proofgrid cluster plan: error: " << e.what() << "\n";
  } catch (const std::system_error& e) {
    std::cerr << "proofgrid cluster plan: error: " << e.what() << " (check that --out names a writable directory)\n";
  }
  return 1;
}

}  // namespace

void add_cluster_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("cluster", "Plan a cluster of several machines");
  cmd->require_subcommand(1);
  cmd->footer(
      "Example:\n"
      "  proofgrid cluster plan --host 192.168.0.200:3 --host 192.168.0.201:4 --out ./cluster-plan\n"
      "Docs: docs/operations.md");
  auto o = std::make_shared<PlanOptions>();
  auto* plan = cmd->add_subcommand(
      "plan", "Lay out a cluster: the engine.dataWorkerMultiaddrs list, each machine's --core range and "
              "commands, systemd units and firewall rules");
  plan->add_option("--host", o->hosts,
                   "A machine and how many data workers it runs: IPv4:N, [IPv6]:N or NAME:N. Repeat per "
                   "machine; slots follow this order. On the control machine N excludes the control "
                   "process, which keeps a core of its own (a 4-core machine: :3)")
      ->type_name("HOST:N")
      ->required();
  plan->add_option("--control", o->control,
                   "IP address of the machine running the control process (default: the first --host); "
                   "an address no --host names is a machine that runs only the control")
      ->type_name("IP");
  plan->add_option("--base-port", o->base_port, "Port of slot 0; slot i uses base + i, machines in turn")
      ->type_name("PORT")
      ->capture_default_str();
  plan->add_option("--memory-limit", o->memory_limit,
                   "Memory limit per data worker (engine.dataWorkerMemoryLimit and MemoryMax=): 2GiB, "
                   "512MiB, or 0 for none")
      ->type_name("SIZE")
      ->capture_default_str();
  plan->add_option("--binary", o->binary, "Where proofgrid is installed on the machines")
      ->type_name("PATH")
      ->capture_default_str();
  plan->add_option("--config-dir", o->config_dir, "The config directory on the machines")
      ->type_name("DIR")
      ->capture_default_str();
  plan->add_option("--user", o->user, "The system user the services run as")->type_name("NAME")->capture_default_str();
  plan->add_option("--fingerprint", o->fingerprint,
                   "The control key's fingerprint (proofgrid config init prints it), written to "
                   "engine.controlKeyFingerprint so the workers accept that control")
      ->type_name("HEX");
  plan->add_option("--out", o->out,
                   "Write config.yml, proofgrid.service, proofgrid-worker@.service and per machine "
                   "commands-<host>.sh, firewall-<host>.ufw and firewall-<host>.nft into DIR")
      ->type_name("DIR");
  plan->add_flag("--json", o->json,
                 "Print {\"dataWorkerMultiaddrs\":[…],\"machines\":[{\"host\",\"cores\":[first,last],"
                 "\"command\",\"firewall_ufw\":[…],…}],\"warnings\":[…],\"poly_size\":N}");
  plan->footer(
      "Ports are one contiguous range per machine, increasing across machines in --host order.\n"
      "It warns when the worker count is just above 128, 1024 or 2048 (PolySize), and about ports\n"
      "inside the kernel's ephemeral range. Nothing is changed on any machine: it only prints or writes.\n"
      "Examples:\n"
      "  proofgrid cluster plan --host 192.168.0.200:3 --host 192.168.0.201:4\n"
      "  proofgrid cluster plan --host 192.168.0.200:3 --host 192.168.0.201:4 --host 192.168.0.203:10 \\\n"
      "      --memory-limit 2GiB --fingerprint <from proofgrid config init> --out ./cluster-plan\n"
      "  proofgrid cluster plan --control 10.0.0.1 --host 10.0.0.2:63 --host 10.0.0.3:63 --json\n"
      "Docs: docs/operations.md");
  plan->callback([o] {
    int status = plan_command(*o);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace proofgrid::cli
