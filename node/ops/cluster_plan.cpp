#include "node/ops/cluster_plan.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "node/config/loader.hpp"
#include "node/config/slots.hpp"
#include "node/ops/poly_size.hpp"

namespace proofgrid::ops {
namespace {

using config::AddressProtocol;
using config::Multiaddr;

constexpr std::string_view kHostForms =
    "write it as IPv4:N (192.168.0.201:4), [IPv6]:N ([fd00::201]:4) or NAME:N (worker-b.lan:4), "
    "N being the number of data workers on that machine";

bool dotted_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c == '.' || (c >= '0' && c <= '9'); });
}

// Validates `host` as the given kind of address through the multiaddr parser (one set of
// rules for the planner and config.yml); returns the canonical host or throws PlanError.
std::string canonical_host(AddressProtocol protocol, std::string_view host, std::string_view text) {
  std::string reason;
  auto addr = Multiaddr::try_parse("/" + std::string(config::to_string(protocol)) + "/" + std::string(host) + "/tcp/1",
                                   &reason);
  if (!addr) throw PlanError("--host \"" + std::string(text) + "\": " + reason + "; " + std::string(kHostForms));
  return addr->host();
}

// The host part of an address given alone (--control): an IP literal, IPv6 with or without
// brackets.
std::pair<AddressProtocol, std::string> parse_ip(std::string_view text) {
  std::string_view inner = text;
  if (inner.size() > 2 && inner.front() == '[' && inner.back() == ']') inner = inner.substr(1, inner.size() - 2);
  AddressProtocol protocol = inner.find(':') != std::string_view::npos ? AddressProtocol::ip6 : AddressProtocol::ip4;
  auto addr = Multiaddr::try_parse("/" + std::string(config::to_string(protocol)) + "/" + std::string(inner) + "/tcp/1");
  if (!addr)
    throw PlanError("--control \"" + std::string(text) +
                    "\" is not an IP address: the control's address goes into the worker machines' "
                    "firewall rules, which need one (e.g. --control 192.168.0.200)");
  return {protocol, addr->host()};
}

bool is_unspecified(const HostSpec& h) { return h.host == "0.0.0.0" || h.host == "::"; }

bool is_loopback(const HostSpec& h) {
  return Multiaddr::make(h.protocol, h.host, 1).is_loopback();
}

void check_ports(const PlanInput& in, std::size_t total) {
  if (in.base_port < 1024 || in.base_port > 65535)
    throw PlanError("--base-port " + std::to_string(in.base_port) +
                    ": worker ports must be 1024-65535 (ports below 1024 need privileges the worker "
                    "services do not have); the seed's layout uses --base-port 40000");
  std::uint64_t last = std::uint64_t{in.base_port} + total - 1;
  if (last <= 65535) return;
  std::string fix = total <= 65536 - 1024
                        ? "use --base-port " + std::to_string(65536 - total) + " or lower"
                        : "no port range holds that many workers; plan fewer";
  throw PlanError(std::to_string(total) + " workers from --base-port " + std::to_string(in.base_port) +
                  " would need ports " + std::to_string(in.base_port) + "-" + std::to_string(last) +
                  ", past 65535: " + fix);
}

// Paths and the user go into systemd units and shell commands unquoted, so they are kept to
// characters that mean nothing special to either (no spaces, quotes, '%', '$' or '\\').
void check_unit_values(const PlanInput& in) {
  auto plain = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("/._-+@:,=").find(c) != std::string_view::npos;
    });
  };
  for (auto [flag, path] : {std::pair{"--binary", &in.binary}, std::pair{"--config-dir", &in.config_dir}}) {
    if (!path->is_absolute() || !plain(path->string()))
      throw PlanError(std::string(flag) + " \"" + path->string() +
                      "\": the systemd units and commands need an absolute path of letters, digits and / . _ - + @ : , = "
                      "(no spaces, quotes, '%' or '$')");
  }
  bool user_ok = !in.user.empty() && in.user.size() <= 32 && (std::islower(static_cast<unsigned char>(in.user[0])) || in.user[0] == '_') &&
                 std::all_of(in.user.begin(), in.user.end(), [](char c) {
                   return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-';
                 });
  if (!user_ok)
    throw PlanError("--user \"" + in.user + "\" is not a system user name: lower-case letters, digits, '_' and '-', "
                    "starting with a letter or '_' (default: proofgrid)");
}

// The fingerprint as config.yml reads it (the schema's rules: 64 hex digits, "sha256:" and
// colons allowed), lower-case hex.
std::string normalized_fingerprint(const std::string& text) {
  try {
    auto cfg = config::parse_config("engine:\n  controlKeyFingerprint: \"" + text + "\"\n", "--fingerprint",
                                    config::Environment{1, {}});
    if (cfg.engine.control_key_fingerprint.value) return *cfg.engine.control_key_fingerprint.value;
  } catch (const config::ConfigError& e) {
    throw PlanError("--fingerprint \"" + text + "\": expected the control key's fingerprint, 64 hex digits as "
                    "proofgrid config init prints it (" + e.diagnostics().front().message + ")");
  }
  throw PlanError("--fingerprint is empty: give the control key's fingerprint as proofgrid config init prints it");
}

std::vector<std::string> ephemeral_warnings(const ClusterPlan& plan) {
  config::SlotTable table;
  table.from_list = true;
  for (std::size_t i = 0; i < plan.worker_multiaddrs.size(); ++i)
    table.slots.push_back({i, static_cast<unsigned>(i + 1), plan.worker_multiaddrs[i], {}});
  std::vector<std::string> out;
  for (const auto& d : config::ephemeral_port_warnings(table, plan.input.ports, ""))
    out.push_back(d.message + " (--base-port sets the first port)");
  return out;
}

}  // namespace

HostSpec parse_host_spec(std::string_view text) {
  HostSpec spec;
  spec.text = std::string(text);
  std::string_view host, count;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      throw PlanError("--host \"" + spec.text + "\": an IPv6 address in brackets must be followed by :N; " +
                      std::string(kHostForms));
    host = text.substr(1, close - 1);
    count = text.substr(close + 2);
    spec.protocol = AddressProtocol::ip6;
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos)
      throw PlanError("--host \"" + spec.text + "\" has no worker count: " + std::string(kHostForms));
    host = text.substr(0, colon);
    count = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos)
      throw PlanError("--host \"" + spec.text + "\": an IPv6 address goes in brackets, like [fd00::201]:4");
    spec.protocol = dotted_digits(host) ? AddressProtocol::ip4 : AddressProtocol::dns;
  }
  if (host.empty()) throw PlanError("--host \"" + spec.text + "\" has no host; " + std::string(kHostForms));
  spec.host = canonical_host(spec.protocol, host, text);

  unsigned n = 0;
  auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
  if (count.empty() || ec != std::errc() || end != count.data() + count.size() || n > 65535)
    throw PlanError("--host \"" + spec.text + "\": the worker count \"" + std::string(count) +
                    "\" is not a whole number 1-65535; " + std::string(kHostForms));
  if (n == 0)
    throw PlanError("--host \"" + spec.text + "\": a machine listed with --host runs at least one data "
                    "worker; for a machine that runs only the control process use --control ADDRESS");
  spec.workers = n;
  return spec;
}

std::string host_file_part(const MachinePlan& machine) {
  std::string out = machine.spec.host;
  for (char& c : out)
    if (c == ':') c = '-';
  return out;
}

std::string core_range(const MachinePlan& machine) {
  return machine.first_core == machine.last_core
             ? std::to_string(machine.first_core)
             : std::to_string(machine.first_core) + "-" + std::to_string(machine.last_core);
}

const MachinePlan& ClusterPlan::control_machine() const {
  for (const auto& m : machines)
    if (m.control) return m;
  throw std::logic_error("cluster plan without a control machine");
}

ClusterPlan make_plan(PlanInput input) {
  if (input.hosts.empty())
    throw PlanError("no machines: give one --host HOST:N per machine, e.g. --host 192.168.0.200:3 "
                    "--host 192.168.0.201:4 (the first runs the control process)");
  ClusterPlan plan;
  for (std::size_t i = 0; i < input.hosts.size(); ++i) {
    const HostSpec& h = input.hosts[i];
    if (is_unspecified(h))
      throw PlanError("--host \"" + h.text + "\": " + h.host +
                      " means every address of a machine, and the control cannot connect to it; give "
                      "the machine's own address");
    for (std::size_t j = 0; j < i; ++j)
      if (input.hosts[j].protocol == h.protocol && input.hosts[j].host == h.host)
        throw PlanError("machine " + h.host + " is given twice (--host " + input.hosts[j].text + " and --host " +
                        h.text + "); give each machine once, with all its workers: --host " + h.host + ":" +
                        std::to_string(input.hosts[j].workers + h.workers));
    plan.total_workers += h.workers;
  }
  check_ports(input, plan.total_workers);
  check_unit_values(input);
  if (input.control_key_fingerprint) input.control_key_fingerprint = normalized_fingerprint(*input.control_key_fingerprint);

  // The control machine: --control, else the first host. Its address must be an IP.
  if (input.control_host) {
    std::tie(plan.control_protocol, plan.control_host) = parse_ip(*input.control_host);
  } else if (input.hosts.front().protocol == AddressProtocol::dns) {
    throw PlanError("the first --host (" + input.hosts.front().text +
                    ") runs the control process, whose address goes into the worker machines' firewall "
                    "rules, which need an IP address: add --control IP (that machine's address)");
  } else {
    plan.control_protocol = input.hosts.front().protocol;
    plan.control_host = input.hosts.front().host;
  }

  unsigned core = 1;
  std::uint32_t port = input.base_port;
  bool control_runs_workers = false;
  for (const HostSpec& h : input.hosts) {
    MachinePlan m;
    m.spec = h;
    m.control = h.protocol == plan.control_protocol && h.host == plan.control_host;
    control_runs_workers = control_runs_workers || m.control;
    m.first_core = core;
    m.last_core = core + h.workers - 1;
    m.first_port = port;
    m.last_port = port + h.workers - 1;
    for (unsigned i = 0; i < h.workers; ++i)
      plan.worker_multiaddrs.push_back(Multiaddr::make(h.protocol, h.host, static_cast<std::uint16_t>(port + i)));
    core += h.workers;
    port += h.workers;
    plan.machines.push_back(std::move(m));
  }
  if (!control_runs_workers) {
    MachinePlan m;
    m.spec = HostSpec{*input.control_host, plan.control_protocol, plan.control_host, 0};
    m.control = true;
    plan.machines.push_back(std::move(m));
  }

  // Loopback works only when everything runs on one machine.
  if (plan.machines.size() > 1) {
    for (const auto& m : plan.machines) {
      if (!is_loopback(m.spec)) continue;
      throw PlanError(m.spec.host + " is a loopback address, which means a different machine to each of the " +
                      std::to_string(plan.machines.size()) +
                      " machines of this cluster: give every machine (the control too) its LAN address");
    }
  }

  plan.input = std::move(input);
  plan.poly_size = poly_size(plan.total_workers);
  plan.chunks = chunk_count(plan.total_workers);
  if (auto w = worker_count_warning(plan.total_workers)) plan.warnings.push_back(*w);
  for (auto& w : ephemeral_warnings(plan)) plan.warnings.push_back(std::move(w));
  if (!plan.input.control_key_fingerprint)
    plan.warnings.push_back("no --fingerprint: config.yml names no control key, so the workers will accept no "
                            "control process. On the control machine run proofgrid config init --config " +
                            plan.input.config_dir.string() + " and plan again with --fingerprint and the fingerprint it prints");
  return plan;
}

}  // namespace proofgrid::ops
