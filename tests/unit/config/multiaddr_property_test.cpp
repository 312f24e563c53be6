// Property tests for the multiaddr parser: random valid addresses round-trip; random
// mutations are either rejected with MultiaddrError or still satisfy the grammar (checked
// here with an independent regular expression), and never crash (run under ASan+UBSan too).
#include <arpa/inet.h>

#include <catch2/catch.hpp>

#include <array>
#include <random>
#include <algorithm>
#include <cctype>

#include "node/config/multiaddr.hpp"

using proofgrid::config::Multiaddr;
using proofgrid::config::MultiaddrError;

namespace {

constexpr std::uint32_t kSeed = 20240611;  // fixed: a failure reproduces

std::string random_label(std::mt19937& rng) {
  static const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static const std::string inner = letters + "0123456789-";
  std::uniform_int_distribution<std::size_t> len(1, 12);
  std::string s;
  std::size_t n = len(rng);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& pool = (i == 0 || i + 1 == n) ? letters : inner;
    s += pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng)];
  }
  return s;
}

std::string random_ip6(std::mt19937& rng) {
  std::array<unsigned char, 16> bytes{};
  // Runs of zeros make the compressed "::" forms appear often.
  for (auto& b : bytes) b = rng() % 3 == 0 ? 0 : static_cast<unsigned char>(rng());
  std::array<char, INET6_ADDRSTRLEN> buf{};
  inet_ntop(AF_INET6, bytes.data(), buf.data(), buf.size());
  if (rng() % 2) {  // the uncompressed spelling is valid too
    std::string full;
    for (int i = 0; i < 16; i += 2) {
      char group[8];
      std::snprintf(group, sizeof group, "%X", (bytes[i] << 8) | bytes[i + 1]);
      full += (i ? ":" : "") + std::string(group);
    }
    return full;
  }
  return buf.data();
}

std::string random_valid(std::mt19937& rng) {
  std::uint16_t port = static_cast<std::uint16_t>(1 + rng() % 65535);
  switch (rng() % 5) {
    case 0: {
      std::string host;
      for (int i = 0; i < 4; ++i) host += (i ? "." : "") + std::to_string(rng() % 256);
      return "/ip4/" + host + "/tcp/" + std::to_string(port);
    }
    case 1: return "/ip6/" + random_ip6(rng) + "/tcp/" + std::to_string(port);
    default: {
      static const std::array<const char*, 3> dns = {"dns4", "dns6", "dns"};
      std::string name = random_label(rng);
      for (unsigned i = rng() % 3; i > 0; --i) name += "." + random_label(rng);
      return "/" + std::string(dns[rng() % 3]) + "/" + name + "/tcp/" + std::to_string(port);
    }
  }
}

std::string mutate(std::string s, std::mt19937& rng) {
  static const std::string alphabet = "/.:%-_0123456789abcdefxyzIPTCD \t\x7f\x80";
  for (unsigned n = 1 + rng() % 3; n > 0; --n) {
    std::size_t at = s.empty() ? 0 : rng() % s.size();
    char c = alphabet[rng() % alphabet.size()];
    switch (rng() % 6) {
      case 0: if (!s.empty()) s.erase(at, 1); break;
      case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c); break;
      case 2: if (!s.empty()) s[at] = c; break;
      case 3: s = s.substr(0, at); break;
      case 4: s += "/" + s.substr(at); break;
      case 5: s.insert(at, std::string(1, '\0')); break;
    }
  }
  return s;
}

// The accepted grammar, written independently of the parser (std::regex is avoided: GCC 12
// reports false maybe-uninitialized warnings in <regex> under the sanitizers).
bool is_decimal(std::string_view s, unsigned max) {
  if (s.empty() || s.size() > 5 || (s.size() > 1 && s[0] == '0')) return false;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v <= max;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0;;) {
    auto next = s.find(sep, at);
    out.push_back(s.substr(at, next == std::string_view::npos ? next : next - at));
    if (next == std::string_view::npos) return out;
    at = next + 1;
  }
}

bool is_label(std::string_view l) {
  if (l.empty() || l.size() > 63 || l.front() == '-' || l.back() == '-') return false;
  return std::all_of(l.begin(), l.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
}

bool matches_grammar(const std::string& s) {
  auto parts = split(s, '/');
  if (parts.size() != 5 || !parts[0].empty() || parts[3] != "tcp" || !is_decimal(parts[4], 65535) ||
      parts[4] == "0")
    return false;
  std::string_view proto = parts[1], host = parts[2];
  if (proto == "ip4") {
    auto octets = split(host, '.');
    return octets.size() == 4 && std::all_of(octets.begin(), octets.end(), [](auto o) { return is_decimal(o, 255); });
  }
  if (proto == "ip6")
    return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
    });
  if (proto == "dns4" || proto == "dns6" || proto == "dns") {
    auto labels = split(host, '.');
    return host.size() <= 253 && std::all_of(labels.begin(), labels.end(), is_label);
  }
  return false;
}

}  // namespace

TEST_CASE("random valid multiaddrs round-trip", "[multiaddr][property]") {
  std::mt19937 rng(kSeed);
  for (int i = 0; i < 5000; ++i) {
    std::string text = random_valid(rng);
    INFO(text);
    Multiaddr m = Multiaddr::parse(text);
    CHECK(m.text() == text);
    CHECK(matches_grammar(text));
    Multiaddr again = Multiaddr::parse(m.canonical());
    CHECK(again == m);
    CHECK(again.canonical() == m.canonical());
    CHECK(Multiaddr::make(m.protocol(), m.host(), m.port()) == m);
  }
}

TEST_CASE("random mutations are rejected or stay in the grammar, never crash", "[multiaddr][property]") {
  std::mt19937 rng(kSeed + 1);
  int rejected = 0, accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = mutate(random_valid(rng), rng);
    INFO(std::string("mutated: \"") + text + "\"");
    std::string reason;
    auto m = Multiaddr::try_parse(text, &reason);
    if (!m) {
      ++rejected;
      REQUIRE_FALSE(reason.empty());
      REQUIRE_THROWS_AS(Multiaddr::parse(text), MultiaddrError);
      continue;
    }
    ++accepted;
    REQUIRE(matches_grammar(text));
    REQUIRE(m->text() == text);
    REQUIRE(Multiaddr::parse(m->canonical()) == *m);
  }
  // Most mutations break an address; both outcomes must actually be exercised.
  CHECK(rejected > 10000);
  CHECK(accepted > 100);
}
