#include "node/config/multiaddr.hpp"

#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <vector>

namespace proofgrid::config {
namespace {

[[noreturn]] void reject(std::string_view text, const std::string& reason) {
  throw MultiaddrError(text, reason);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Decimal without sign or leading zeros, at most max_value; nullopt otherwise.
std::optional<unsigned> strict_decimal(std::string_view s, unsigned max_value) {
  if (!all_digits(s) || s.size() > 5 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  unsigned v = 0;
  for (char c : s) v = v * 10 + static_cast<unsigned>(c - '0');
  if (v > max_value) return std::nullopt;
  return v;
}

std::vector<std::string_view> split_slash(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 1;  // text[0] is the leading '/'
  while (true) {
    std::size_t end = text.find('/', start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<AddressProtocol> protocol_named(std::string_view name) {
  static constexpr std::array<AddressProtocol, 5> all = {
      AddressProtocol::ip4, AddressProtocol::ip6, AddressProtocol::dns4, AddressProtocol::dns6,
      AddressProtocol::dns};
  for (auto p : all)
    if (to_string(p) == name) return p;
  return std::nullopt;
}

// Returns the reason the IPv4 literal is invalid, or an empty string.
std::string check_ip4(std::string_view host) {
  int parts = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t end = host.find('.', start);
    std::string_view part = host.substr(start, end == std::string_view::npos ? end : end - start);
    if (!strict_decimal(part, 255))
      return "ip4 address \"" + std::string(host) +
             "\" needs four dot-separated numbers 0-255 without leading zeros";
    ++parts;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (parts != 4) return "ip4 address \"" + std::string(host) + "\" needs exactly four numbers";
  return {};
}

// Canonical (RFC 5952) text of an IPv6 literal, or nullopt.
std::optional<std::string> canonical_ip6(std::string_view host) {
  if (host.empty() || host.size() > 45 || host.find('%') != std::string_view::npos)
    return std::nullopt;
  std::string copy(host);
  in6_addr addr{};
  if (inet_pton(AF_INET6, copy.c_str(), &addr) != 1) return std::nullopt;
  std::array<char, INET6_ADDRSTRLEN> buf{};
  if (!inet_ntop(AF_INET6, &addr, buf.data(), buf.size())) return std::nullopt;
  return std::string(buf.data());
}

// Letters, digits and inner hyphens per label (RFC 1123), 253 characters at most.
std::string check_dns_name(std::string_view name) {
  if (name.empty()) return "the host name is empty";
  if (name.size() > 253) return "the host name is longer than 253 characters";
  std::size_t start = 0;
  std::string_view last;
  while (true) {
    std::size_t end = name.find('.', start);
    std::string_view label = name.substr(start, end == std::string_view::npos ? end : end - start);
    if (label.empty() || label.size() > 63)
      return "host name \"" + std::string(name) + "\" has an empty or over-long label";
    if (label.front() == '-' || label.back() == '-')
      return "host name \"" + std::string(name) + "\" has a label starting or ending with '-'";
    for (char c : label)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
        return "host name \"" + std::string(name) + "\" contains '" + std::string(1, c) +
               "' (letters, digits, '-' and '.' only)";
    last = label;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (all_digits(last))
    return "host name \"" + std::string(name) + "\" looks like an IP address; use /ip4/ or /ip6/";
  return {};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

MultiaddrError::MultiaddrError(std::string_view text, std::string reason)
    : std::invalid_argument("invalid multiaddr \"" + std::string(text) + "\": " + reason +
                            "; expected " + std::string(kMultiaddrForms)),
      reason_(std::move(reason)) {}

std::string_view to_string(AddressProtocol protocol) {
  switch (protocol) {
    case AddressProtocol::ip4: return "ip4";
    case AddressProtocol::ip6: return "ip6";
    case AddressProtocol::dns4: return "dns4";
    case AddressProtocol::dns6: return "dns6";
    case AddressProtocol::dns: return "dns";
  }
  return "?";
}

Multiaddr Multiaddr::parse(std::string_view text) {
  if (text.empty()) reject(text, "it is empty");
  if (text.front() != '/') reject(text, "a multiaddr starts with '/'");
  for (char c : text)
    if (c <= ' ' || c > '~') reject(text, "it contains a space, control or non-ASCII character");
  auto parts = split_slash(text);
  if (parts.size() < 4) reject(text, "it has " + std::to_string(parts.size()) + " of 4 components");
  for (auto p : parts)
    if (p.empty()) reject(text, "it has an empty component (\"//\" or a trailing '/')");

  auto protocol = protocol_named(parts[0]);
  if (!protocol) reject(text, "unknown protocol \"" + std::string(parts[0]) + "\"");
  if (parts[2] != "tcp")
    reject(text, "transport \"" + std::string(parts[2]) + "\" is not supported, only tcp");
  auto port = strict_decimal(parts[3], 65535);
  if (!port || *port == 0)
    reject(text, "port \"" + std::string(parts[3]) + "\" must be a number 1-65535 without leading zeros");
  if (parts.size() > 4)
    reject(text, "unexpected components after the port; a worker address ends with /tcp/PORT");

  Multiaddr m;
  m.protocol_ = *protocol;
  m.port_ = static_cast<std::uint16_t>(*port);
  m.text_ = std::string(text);
  if (*protocol == AddressProtocol::ip4) {
    if (auto why = check_ip4(parts[1]); !why.empty()) reject(text, why);
    m.host_ = std::string(parts[1]);
  } else if (*protocol == AddressProtocol::ip6) {
    auto canonical = canonical_ip6(parts[1]);
    if (!canonical) reject(text, "\"" + std::string(parts[1]) + "\" is not an IPv6 address");
    m.host_ = *canonical;
  } else {
    if (auto why = check_dns_name(parts[1]); !why.empty()) reject(text, why);
    m.host_ = lower(parts[1]);
  }
  return m;
}

std::optional<Multiaddr> Multiaddr::try_parse(std::string_view text, std::string* reason) {
  try {
    return parse(text);
  } catch (const MultiaddrError& e) {
    if (reason) *reason = e.reason();
    return std::nullopt;
  }
}

Multiaddr Multiaddr::make(AddressProtocol protocol, std::string_view host, std::uint16_t port) {
  return parse("/" + std::string(to_string(protocol)) + "/" + std::string(host) + "/tcp/" +
               std::to_string(port));
}

std::string Multiaddr::canonical() const {
  return "/" + std::string(to_string(protocol_)) + "/" + host_ + "/tcp/" + std::to_string(port_);
}

bool Multiaddr::is_loopback() const {
  switch (protocol_) {
    case AddressProtocol::ip4: return host_.rfind("127.", 0) == 0;
    case AddressProtocol::ip6: return host_ == "::1";
    default:
      return host_ == "localhost" ||
             (host_.size() > 10 && host_.compare(host_.size() - 10, 10, ".localhost") == 0);
  }
}

}  // namespace proofgrid::config
