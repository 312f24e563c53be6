#pragma once
// Worker ports inside the kernel's ephemeral range can be taken by any outgoing connection
// before the worker binds them. The range (and the ports already reserved) are read from
// /proc, or given directly, so checks are deterministic in tests.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "node/config/diagnostic.hpp"
#include "node/config/slots.hpp"

namespace proofgrid::config {

struct PortRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  bool contains(std::uint32_t port) const { return port >= first && port <= last; }
};

struct PortPolicy {
  std::optional<PortRange> ephemeral;  // nullopt: unknown, nothing to warn about
  std::vector<PortRange> reserved;     // net.ipv4.ip_local_reserved_ports
  std::string source;                  // where `ephemeral` came from, quoted in warnings
};

// Reads ip_local_port_range and ip_local_reserved_ports under `dir` (missing files leave the
// policy empty: other kernels have no such files).
PortPolicy read_port_policy(const std::filesystem::path& dir = "/proc/sys/net/ipv4");

// "40000-40016,50000" -> ranges; nullopt on malformed text.
std::optional<std::vector<PortRange>> parse_port_list(std::string_view text);

// One warning per run of consecutive slot ports that sit in the ephemeral range and are
// not reserved, saying how to reserve them.
std::vector<Diagnostic> ephemeral_port_warnings(const SlotTable& table, const PortPolicy& policy,
                                                const std::string& config_file);

}  // namespace proofgrid::config
