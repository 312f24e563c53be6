#pragma once
// A TCP multiaddr as operators write them in config.yml: /ip4/A.B.C.D/tcp/P,
// /ip6/ADDR/tcp/P or /dns4|dns6|dns/NAME/tcp/P. A value type shared by the config, the
// transport (where to listen or connect) and the slot planner (which host runs which slot).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace proofgrid::config {

enum class AddressProtocol { ip4, ip6, dns4, dns6, dns };

std::string_view to_string(AddressProtocol protocol);

// The text operators can copy when a multiaddr is rejected.
inline constexpr std::string_view kMultiaddrForms =
    "/ip4/A.B.C.D/tcp/PORT, /ip6/ADDR/tcp/PORT or /dns4|dns6|dns/NAME/tcp/PORT";

// Thrown by Multiaddr::parse; what() quotes the rejected text, says what is wrong with it
// and which forms are accepted. reason() is the middle part alone.
class MultiaddrError : public std::invalid_argument {
 public:
  MultiaddrError(std::string_view text, std::string reason);
  const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

class Multiaddr {
 public:
  // Throws MultiaddrError. Only the forms above are accepted; every component is strict
  // (no leading zeros, port 1..65535, valid host names) so the text round-trips.
  static Multiaddr parse(std::string_view text);
  // As parse, but returns nullopt and (optionally) MultiaddrError::reason() instead.
  static std::optional<Multiaddr> try_parse(std::string_view text, std::string* reason = nullptr);
  // Builds one from parts (validated like parse).
  static Multiaddr make(AddressProtocol protocol, std::string_view host, std::uint16_t port);

  AddressProtocol protocol() const { return protocol_; }
  // IP literal (IPv6 in its canonical RFC 5952 form) or lower-cased DNS name.
  const std::string& host() const { return host_; }
  std::uint16_t port() const { return port_; }
  // The text this value was parsed from, exactly as written.
  const std::string& text() const { return text_; }
  // The canonical spelling; parse(canonical()) == *this.
  std::string canonical() const;
  // True for 127.0.0.0/8, ::1 and the name "localhost".
  bool is_loopback() const;

  // Equal when they name the same endpoint (protocol, host, port), whatever the spelling.
  friend bool operator==(const Multiaddr& a, const Multiaddr& b) {
    return a.protocol_ == b.protocol_ && a.host_ == b.host_ && a.port_ == b.port_;
  }

 private:
  Multiaddr() = default;
  AddressProtocol protocol_ = AddressProtocol::ip4;
  std::string host_;
  std::uint16_t port_ = 0;
  std::string text_;
};

}  // namespace proofgrid::config
