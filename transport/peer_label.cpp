#include "transport/peer_label.hpp"

#include <cstdio>

namespace proofgrid::transport {

std::string PeerLabel::text() const {
  return "slot " + std::to_string(slot) + " (--core " + std::to_string(core) + ") " + address;
}

std::string printable(std::string_view s, std::size_t max) {
  std::string out;
  for (char c : s) {
    if (out.size() >= max) {
      out += "...";
      break;
    }
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
      out += c;
    } else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    }
  }
  return out;
}

std::string short_fingerprint(std::string_view hex) {
  return hex.size() <= 16 ? std::string(hex) : std::string(hex.substr(0, 16)) + "…";
}

}  // namespace proofgrid::transport
