#include "node/ops/cluster_files.hpp"

#include <algorithm>

#include "node/config/atomic_file.hpp"
#include "node/config/generate.hpp"
#include "node/config/identity.hpp"
#include "node/config/units.hpp"
#include "node/ops/firewall_rules.hpp"
#include "node/ops/systemd_units.hpp"

namespace proofgrid::ops {
namespace {

std::string port_range(const MachinePlan& m) {
  return m.first_port == m.last_port ? std::to_string(m.first_port)
                                     : std::to_string(m.first_port) + "-" + std::to_string(m.last_port);
}

// Replaces the one line that starts with `prefix` (a key of the generated file).
void replace_line(std::string& text, const std::string& prefix, const std::string& with) {
  auto at = text.find("\n" + prefix);
  if (at == std::string::npos) throw std::logic_error("generated config.yml has no line \"" + prefix + "\"");
  auto end = text.find('\n', at + 1);
  text.replace(at + 1, end - at, with);
}

std::string run(const ClusterPlan& plan) {
  return plan.input.binary.string() + " --config " + plan.input.config_dir.string();
}

// True when some of the machine's ports lie in the ephemeral range and are not reserved.
bool needs_reservation(const ClusterPlan& plan, const MachinePlan& m) {
  const auto& policy = plan.input.ports;
  if (!policy.ephemeral || m.workers() == 0) return false;
  for (std::uint32_t p = m.first_port; p <= m.last_port; ++p) {
    bool reserved = std::any_of(policy.reserved.begin(), policy.reserved.end(),
                                [&](const config::PortRange& r) { return r.contains(p); });
    if (policy.ephemeral->contains(p) && !reserved) return true;
  }
  return false;
}

}  // namespace

std::string machine_summary(const MachinePlan& m) {
  std::string workers = m.workers() == 0 ? ""
                        : "data workers --core " + core_range(m) + " (slots " +
                              std::to_string(m.first_core - 1) + "-" + std::to_string(m.last_core - 1) +
                              "), ports " + port_range(m);
  if (!m.control) return workers;
  return workers.empty() ? "the control process" : "the control process and " + workers;
}

namespace {

std::string setup_steps(const ClusterPlan& plan, const MachinePlan& m) {
  const auto& in = plan.input;
  const std::string dir = in.config_dir.string(), user = in.user;
  std::string out =
      "# The service user and the config directory. Every machine gets the same config.yml;\n"
      "# keys.yml (the node identity) never leaves the control machine.\n"
      "id -u " + user + " >/dev/null 2>&1 || useradd --system --home-dir " + dir + " --shell /usr/sbin/nologin " + user + "\n"
      "install -d -o " + user + " -g " + user + " -m 0700 " + dir + "\n";
  if (m.control) {
    out += "if [[ ! -f " + dir + "/" + std::string(config::kKeysFileName) + " ]]; then\n"
           "  echo \"no " + dir + "/keys.yml: create the identity first (runuser -u " + user + " -- " + in.binary.string() +
           " config init --config " + dir + "), then plan again with --fingerprint and the fingerprint it prints\" >&2\n"
           "  exit 1\n"
           "fi\n";
  }
  out += "install -o " + user + " -g " + user + " -m 0644 config.yml " + dir + "/config.yml\n" +
         in.binary.string() + " config check --config " + dir + " >/dev/null\n\n";
  if (needs_reservation(plan, m)) {
    const auto& e = *in.ports.ephemeral;
    out += "# Ports " + port_range(m) + " lie in the kernel's ephemeral range (" + std::to_string(e.first) + "-" +
           std::to_string(e.last) + "), where an outgoing\n"
           "# connection can take one before its worker starts. Reserve them, keeping any ports\n"
           "# net.ipv4.ip_local_reserved_ports already lists (sysctl net.ipv4.ip_local_reserved_ports):\n"
           "#      sysctl -w net.ipv4.ip_local_reserved_ports=" + port_range(m) + "\n"
           "#      echo 'net.ipv4.ip_local_reserved_ports = " + port_range(m) + "' > /etc/sysctl.d/90-proofgrid.conf\n\n";
  }
  if (m.workers() > 0) {
    out += m.control ? "# Firewall: nothing to open here (firewall-" + host_file_part(m) + ".ufw says why); to close\n"
                       "# the worker ports to other machines under nftables: nft -f firewall-" + host_file_part(m) + ".nft\n\n"
                     : "# Firewall: open the worker ports to the control at " + plan.control_host + " only, with one of\n"
                       "#      sh firewall-" + host_file_part(m) + ".ufw\n"
                       "#      nft -f firewall-" + host_file_part(m) + ".nft\n\n";
  }
  return out;
}

}  // namespace

std::string multiaddr_block(const ClusterPlan& plan) {
  std::string out = "engine:\n  dataWorkerMultiaddrs:\n";
  std::size_t slot = 0;
  for (const auto& m : plan.machines) {
    if (m.workers() == 0) continue;
    out += "    # " + m.spec.host + ": --core " + core_range(m) + (m.control ? " (the control machine)" : "") + "\n";
    for (unsigned i = 0; i < m.workers(); ++i) out += "    - " + plan.worker_multiaddrs[slot++].text() + "\n";
  }
  return out;
}

std::string cluster_config_yml(const ClusterPlan& plan) {
  config::FreshConfig fresh;
  fresh.control_key_fingerprint = plan.input.control_key_fingerprint;
  // With a worker list the worker count is the list's length; the generator's comment says
  // "on this machine: cores - 1", which then reads the same.
  fresh.hardware_threads = static_cast<unsigned>(plan.total_workers + 1);
  std::string text = config::fresh_config_text(fresh);
  std::string block = multiaddr_block(plan);
  replace_line(text, "  dataWorkerMultiaddrs:", block.substr(block.find('\n') + 1));
  if (plan.input.memory_limit != 0)
    replace_line(text, "  dataWorkerMemoryLimit:",
                 "  dataWorkerMemoryLimit: " + config::format_byte_size(plan.input.memory_limit) + "\n");
  std::size_t machines = std::count_if(plan.machines.begin(), plan.machines.end(),
                                       [](const MachinePlan& m) { return m.workers() > 0; });
  return "# Cluster config from proofgrid cluster plan: " + std::to_string(plan.total_workers) +
         " data workers on " + std::to_string(machines) + (machines == 1 ? " machine" : " machines") +
         ", control process on " + plan.control_host + ".\n"
         "# The same file goes to every machine; keys.yml stays on the control machine.\n" + text;
}

std::string machine_command(const ClusterPlan& plan, const MachinePlan& m) {
  std::string out = m.control ? run(plan) + (m.workers() > 0 ? " & " : "") : "";
  if (m.workers() == 1) {
    out += run(plan) + " --core " + std::to_string(m.first_core) + (m.control ? " & wait" : "");
  } else if (m.workers() > 1) {
    out += "for core in {" + std::to_string(m.first_core) + ".." + std::to_string(m.last_core) + "}; do " + run(plan) +
           " --core $core & done; wait";
  }
  return out;
}

std::string commands_script(const ClusterPlan& plan, const MachinePlan& m) {
  std::string out = "#!/usr/bin/env bash\n"
                    "# proofgrid on " + m.spec.host + ": " + machine_summary(m) + ".\n"
                    "# Generated by proofgrid cluster plan. Run as root on " + m.spec.host +
                    ", in the directory holding the plan's\n"
                    "# files (config.yml, the .service files); running it again is harmless.\n"
                    "set -euo pipefail\n\n" + setup_steps(plan, m) +
                    "# Services: systemd restarts a process that fails; `systemctl status 'proofgrid*'` lists them.\n";
  if (m.control) out += "install -m 0644 " + std::string(kControlUnitName) + " /etc/systemd/system/\n";
  if (m.workers() > 0) out += "install -m 0644 " + std::string(kWorkerUnitName) + " /etc/systemd/system/\n";
  out += "systemctl daemon-reload\n" + systemctl_command(m) + "\n\n"
         "# Without systemd, the same processes from a shell (as " + plan.input.user + "):\n"
         "#   " + machine_command(plan, m) + "\n";
  return out;
}

nlohmann::json plan_json(const ClusterPlan& plan) {
  nlohmann::json addrs = nlohmann::json::array(), machines = nlohmann::json::array();
  for (const auto& a : plan.worker_multiaddrs) addrs.push_back(a.text());
  for (const auto& m : plan.machines) {
    if (m.workers() == 0) continue;
    machines.push_back({{"host", m.spec.host},
                        {"cores", {m.first_core, m.last_core}},
                        {"ports", {m.first_port, m.last_port}},
                        {"workers", m.workers()},
                        {"control", m.control},
                        {"command", machine_command(plan, m)},
                        {"systemd", systemctl_command(m)},
                        {"firewall_ufw", ufw_rules(plan, m)},
                        {"firewall_nft", nft_rules(plan, m)}});
  }
  const auto& c = plan.control_machine();
  return {{"dataWorkerMultiaddrs", addrs},
          {"machines", machines},
          {"control",
           {{"host", plan.control_host},
            {"command", run(plan)},
            {"systemd", systemctl_command(c)},
            {"runs_workers", c.workers() > 0}}},
          {"total_workers", plan.total_workers},
          {"poly_size", plan.poly_size},
          {"chunks", plan.chunks},
          {"warnings", plan.warnings}};
}

std::vector<PlanFile> plan_files(const ClusterPlan& plan) {
  std::vector<PlanFile> files = {{"config.yml", cluster_config_yml(plan), 0644},
                                 {kControlUnitName, control_unit(plan), 0644},
                                 {kWorkerUnitName, worker_unit(plan), 0644}};
  for (const auto& m : plan.machines) {
    const std::string host = host_file_part(m);
    files.push_back({"commands-" + host + ".sh", commands_script(plan, m), 0755});
    if (m.workers() == 0) continue;
    files.push_back({"firewall-" + host + ".ufw", ufw_script(plan, m), 0755});
    files.push_back({"firewall-" + host + ".nft", nft_file(plan, m), 0644});
  }
  return files;
}

void write_plan_files(const std::vector<PlanFile>& files, const std::filesystem::path& dir) {
  if (std::filesystem::exists(dir / config::kKeysFileName))
    throw PlanError("--out " + dir.string() + " holds keys.yml, a live config directory: write the plan to a "
                    "directory of its own and copy its config.yml over afterwards");
  std::filesystem::create_directories(dir);
  for (const auto& f : files) config::write_file_atomically(dir / f.name, f.content, f.mode, config::WriteMode::replace);
}

}  // namespace proofgrid::ops
