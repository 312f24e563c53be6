#include "node/config/ports.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace proofgrid::config {
namespace {

std::optional<std::uint32_t> port_number(std::string_view s) {
  std::uint32_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v > 65535) return std::nullopt;
  return v;
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::optional<std::string> read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return trim(text.str());
}

std::string range_text(const PortRange& r) {
  return r.first == r.last ? std::to_string(r.first)
                           : std::to_string(r.first) + "-" + std::to_string(r.last);
}

}  // namespace

std::optional<std::vector<PortRange>> parse_port_list(std::string_view text) {
  std::vector<PortRange> out;
  if (text.empty()) return out;
  while (true) {
    auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    auto dash = item.find('-');
    auto first = port_number(item.substr(0, dash));
    auto last = dash == std::string_view::npos ? first : port_number(item.substr(dash + 1));
    if (!first || !last || *last < *first) return std::nullopt;
    out.push_back({*first, *last});
    if (comma == std::string_view::npos) return out;
    text.remove_prefix(comma + 1);
  }
}

PortPolicy read_port_policy(const std::filesystem::path& dir) {
  PortPolicy policy;
  auto range_file = dir / "ip_local_port_range";
  if (auto text = read_text(range_file)) {
    // "32768\t60999": two numbers separated by whitespace.
    std::istringstream in(*text);
    std::string a, b;
    in >> a >> b;
    auto first = port_number(a), last = port_number(b);
    if (first && last && *first <= *last) {
      policy.ephemeral = PortRange{*first, *last};
      policy.source = range_file.string();
    }
  }
  if (auto text = read_text(dir / "ip_local_reserved_ports"))
    if (auto ranges = parse_port_list(*text)) policy.reserved = *ranges;
  return policy;
}

std::vector<Diagnostic> ephemeral_port_warnings(const SlotTable& table, const PortPolicy& policy,
                                                const std::string& config_file) {
  std::vector<Diagnostic> out;
  if (!policy.ephemeral) return out;
  std::vector<const Slot*> exposed;
  for (const auto& slot : table.slots) {
    std::uint32_t port = slot.address.port();
    bool reserved = std::any_of(policy.reserved.begin(), policy.reserved.end(),
                                [&](const PortRange& r) { return r.contains(port); });
    if (policy.ephemeral->contains(port) && !reserved) exposed.push_back(&slot);
  }
  std::sort(exposed.begin(), exposed.end(),
            [](const Slot* a, const Slot* b) { return a->address.port() < b->address.port(); });
  for (std::size_t i = 0; i < exposed.size();) {
    // Extend the run while ports stay consecutive (or repeat on different hosts).
    std::size_t j = i + 1;
    while (j < exposed.size() && exposed[j]->address.port() <= exposed[j - 1]->address.port() + 1) ++j;
    PortRange run{exposed[i]->address.port(), exposed[j - 1]->address.port()};
    std::string ports = range_text(run);
    Diagnostic d;
    d.severity = Severity::warning;
    d.file = config_file;
    d.line = exposed[i]->origin.line;
    d.column = exposed[i]->origin.column;
    d.key = table.from_list ? "engine.dataWorkerMultiaddrs" : "engine.dataWorkerBaseListenPort";
    bool one = j - i == 1;
    d.message = (one ? "port " + ports + " (slot " + std::to_string(exposed[i]->index) + ") is"
                     : "ports " + ports + " (" + std::to_string(j - i) + " slots) are") +
                " inside the kernel's ephemeral port range " + range_text(*policy.ephemeral) + " (" +
                policy.source + "), so an outgoing connection can take " + (one ? "it" : "one") +
                " before its worker binds it. Reserve " + (one ? "it" : "them") +
                " on each worker machine: sysctl -w net.ipv4.ip_local_reserved_ports=" + ports +
                " (keep any ports it already lists; add the setting to "
                "/etc/sysctl.d/90-proofgrid.conf to keep it after a reboot), or move the ports "
                "below " + std::to_string(policy.ephemeral->first);
    out.push_back(std::move(d));
    i = j;
  }
  return out;
}

}  // namespace proofgrid::config
