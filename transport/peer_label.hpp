#pragma once
// How log lines name a worker: its slot, the --core flag it runs with and its address, so an
// operator can find the process a line is about ("slot 3 (--core 4) /ip4/10.0.0.2/tcp/40003").
#include <cstdint>
#include <string>
#include <string_view>

namespace proofgrid::transport {

struct PeerLabel {
  std::uint32_t slot = 0;
  std::uint32_t core = 0;   // the worker's --core flag (slot + 1 by default)
  std::string address;      // as the operator wrote it (multiaddr or host:port)

  std::string text() const;
};

// Text from a peer made safe for one log line: control characters and invalid bytes become
// \xNN, and it is cut at `max` characters.
std::string printable(std::string_view peer_text, std::size_t max = 200);

// The first 16 hex digits and an ellipsis: enough to tell keys apart in a log line.
std::string short_fingerprint(std::string_view hex);

}  // namespace proofgrid::transport
