#pragma once
// `proofgrid cluster plan`: from "which machines, how many workers each" to the slot layout
// of a cluster — --core ranges, one contiguous port range per machine (globally increasing,
// as in the seed tutorial), the control's address for firewall rules, and warnings.
// A pure function of its input; cluster_files.hpp renders the plan into files.
//
// How `--host A:3` is read: A runs 3 data workers. On the control machine the count does
// not include the control process, which keeps a core of its own: a 4-core control machine
// is `--host A:3`, as in the tutorial.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "node/config/multiaddr.hpp"
#include "node/config/ports.hpp"

namespace proofgrid::ops {

// Input the planner cannot use; what() says what is wrong and how to write it instead.
class PlanError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// One `--host HOST:N` as given.
struct HostSpec {
  std::string text;                  // as typed, for messages
  config::AddressProtocol protocol;  // ip4, ip6 (written [ADDR]:N) or dns (a name)
  std::string host;                  // canonical: IPv6 in RFC 5952 form, names lower-cased
  unsigned workers = 0;              // 1-65535
};

// "192.168.0.200:3", "[fd00::1]:4", "worker-c.lan:10". Throws PlanError.
HostSpec parse_host_spec(std::string_view text);

struct PlanInput {
  std::vector<HostSpec> hosts;              // in --host order: slots follow this order
  std::optional<std::string> control_host;  // an IP literal; default: the first host
  std::uint32_t base_port = 40000;          // slot 0's port
  std::uint64_t memory_limit = 0;           // bytes per data worker; 0 = no limit
  std::filesystem::path binary = "/usr/local/bin/proofgrid";
  std::filesystem::path config_dir = "/var/lib/proofgrid";  // on every machine
  std::string user = "proofgrid";                            // the services' user
  std::optional<std::string> control_key_fingerprint;       // written into config.yml
  config::PortPolicy ports;  // the kernel's ephemeral range assumed for the machines
};

struct MachinePlan {
  HostSpec spec;                  // workers == 0 for a machine that runs only the control
  bool control = false;           // runs the control process
  unsigned first_core = 0;        // --core range (1-based); meaningful when workers > 0
  unsigned last_core = 0;
  std::uint32_t first_port = 0;   // its workers' ports, one contiguous range
  std::uint32_t last_port = 0;
  unsigned workers() const { return spec.workers; }
};

struct ClusterPlan {
  PlanInput input;
  // Worker machines in --host order; a control machine that runs no workers comes last.
  std::vector<MachinePlan> machines;
  std::vector<config::Multiaddr> worker_multiaddrs;  // slot order
  config::AddressProtocol control_protocol = config::AddressProtocol::ip4;
  std::string control_host;  // the IP the worker machines' firewalls admit
  std::size_t total_workers = 0;
  std::size_t poly_size = 0;  // N per commitment (poly_size.hpp)
  std::size_t chunks = 0;     // commitments per round
  std::vector<std::string> warnings;

  const MachinePlan& control_machine() const;
};

// The machine's part of generated file names: its host, IPv6 colons as '-'
// ("commands-192.168.0.201.sh", "firewall-fd00--201.nft").
std::string host_file_part(const MachinePlan& machine);
// "4-7", or "4" for one worker.
std::string core_range(const MachinePlan& machine);

// Throws PlanError: no hosts, a host twice, a bad control address, ports past 65535 or
// below 1024, loopback addresses mixed with other machines.
ClusterPlan make_plan(PlanInput input);

}  // namespace proofgrid::ops
