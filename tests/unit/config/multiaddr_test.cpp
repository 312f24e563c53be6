#include <catch2/catch.hpp>

#include "node/config/multiaddr.hpp"

using proofgrid::config::AddressProtocol;
using proofgrid::config::Multiaddr;
using proofgrid::config::MultiaddrError;

TEST_CASE("multiaddr accepts the three tcp forms and keeps the text", "[multiaddr]") {
  auto a = Multiaddr::parse("/ip4/192.168.0.200/tcp/40000");
  CHECK(a.protocol() == AddressProtocol::ip4);
  CHECK(a.host() == "192.168.0.200");
  CHECK(a.port() == 40000);
  CHECK(a.text() == "/ip4/192.168.0.200/tcp/40000");
  CHECK(a.canonical() == a.text());

  auto b = Multiaddr::parse("/ip6/2001:DB8:0:0:0:0:0:1/tcp/1");
  CHECK(b.protocol() == AddressProtocol::ip6);
  CHECK(b.host() == "2001:db8::1");
  CHECK(b.text() == "/ip6/2001:DB8:0:0:0:0:0:1/tcp/1");
  CHECK(b.canonical() == "/ip6/2001:db8::1/tcp/1");

  for (auto [text, proto] : {std::pair{"/dns4/Worker-1.Example.com/tcp/65535", AddressProtocol::dns4},
                             std::pair{"/dns6/w1.example.com/tcp/65535", AddressProtocol::dns6},
                             std::pair{"/dns/w1.example.com/tcp/65535", AddressProtocol::dns}}) {
    auto d = Multiaddr::parse(text);
    CHECK(d.protocol() == proto);
    CHECK(d.port() == 65535);
  }
  CHECK(Multiaddr::parse("/dns4/Worker-1.Example.com/tcp/1").host() == "worker-1.example.com");
}

TEST_CASE("multiaddr equality ignores spelling", "[multiaddr]") {
  CHECK(Multiaddr::parse("/ip6/0:0:0:0:0:0:0:1/tcp/5") == Multiaddr::parse("/ip6/::1/tcp/5"));
  CHECK(Multiaddr::parse("/dns/A.example/tcp/5") == Multiaddr::parse("/dns/a.example/tcp/5"));
  CHECK_FALSE(Multiaddr::parse("/dns4/a.example/tcp/5") == Multiaddr::parse("/dns6/a.example/tcp/5"));
  CHECK_FALSE(Multiaddr::parse("/ip4/1.2.3.4/tcp/5") == Multiaddr::parse("/ip4/1.2.3.4/tcp/6"));
}

TEST_CASE("multiaddr rejects everything else, quoting the text and the reason", "[multiaddr]") {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"", "empty"},
      {"ip4/1.2.3.4/tcp/1", "starts with '/'"},
      {"/ip4/1.2.3.4", "2 of 4 components"},
      {"/ip4/1.2.3/tcp/1", "four"},
      {"/ip4/1.2.3.4.5/tcp/1", "four"},
      {"/ip4/256.0.0.1/tcp/1", "0-255"},
      {"/ip4/01.2.3.4/tcp/1", "leading zeros"},
      {"/ip4/1.2.3.4/udp/1", "transport \"udp\""},
      {"/ip4/1.2.3.4/tcp/0", "1-65535"},
      {"/ip4/1.2.3.4/tcp/65536", "1-65535"},
      {"/ip4/1.2.3.4/tcp/040000", "leading zeros"},
      {"/ip4/1.2.3.4/tcp/-1", "1-65535"},
      {"/ip4/1.2.3.4/tcp/1/p2p/QmPeer", "after the port"},
      {"/ip4/1.2.3.4/tcp/1/", "empty component"},
      {"/ip4//tcp/1", "empty component"},
      {"/ip5/1.2.3.4/tcp/1", "unknown protocol \"ip5\""},
      {"/ip6/::g/tcp/1", "not an IPv6 address"},
      {"/ip6/fe80::1%eth0/tcp/1", "not an IPv6 address"},
      {"/ip6/1.2.3.4/tcp/1", "not an IPv6 address"},
      {"/dns4/-bad.example/tcp/1", "'-'"},
      {"/dns/a..b/tcp/1", "empty or over-long label"},
      {"/dns/a_b.example/tcp/1", "contains '_'"},
      {"/dns4/1.2.3.4/tcp/1", "use /ip4/"},
      {"/ip4/1.2.3.4 /tcp/1", "space"},
      {"/ip4/127.0.0.1/tcp/%d", "1-65535"},
  };
  for (const auto& [text, reason] : bad) {
    INFO(text);
    try {
      Multiaddr::parse(text);
      FAIL("accepted " << text);
    } catch (const MultiaddrError& e) {
      std::string what = e.what();
      CHECK_THAT(what, Catch::Contains("invalid multiaddr \"" + text + "\""));
      CHECK_THAT(what, Catch::Contains(reason));
      CHECK_THAT(what, Catch::Contains("/ip4/A.B.C.D/tcp/PORT"));
      CHECK_THAT(e.reason(), Catch::Contains(reason));
    }
    std::string reason_out;
    CHECK_FALSE(Multiaddr::try_parse(text, &reason_out).has_value());
    CHECK_FALSE(reason_out.empty());
  }
}

TEST_CASE("multiaddr knows loopback addresses", "[multiaddr]") {
  CHECK(Multiaddr::parse("/ip4/127.0.0.1/tcp/1").is_loopback());
  CHECK(Multiaddr::parse("/ip4/127.3.2.1/tcp/1").is_loopback());
  CHECK(Multiaddr::parse("/ip6/::1/tcp/1").is_loopback());
  CHECK(Multiaddr::parse("/dns/localhost/tcp/1").is_loopback());
  CHECK_FALSE(Multiaddr::parse("/ip4/192.168.0.200/tcp/1").is_loopback());
  CHECK_FALSE(Multiaddr::parse("/ip4/0.0.0.0/tcp/1").is_loopback());
  CHECK_FALSE(Multiaddr::parse("/ip6/::/tcp/1").is_loopback());
  CHECK_FALSE(Multiaddr::parse("/dns/notlocalhost/tcp/1").is_loopback());
}

TEST_CASE("multiaddr make builds validated values", "[multiaddr]") {
  CHECK(Multiaddr::make(AddressProtocol::ip4, "10.0.0.1", 7).text() == "/ip4/10.0.0.1/tcp/7");
  CHECK_THROWS_AS(Multiaddr::make(AddressProtocol::ip4, "10.0.0", 7), MultiaddrError);
  CHECK_THROWS_AS(Multiaddr::make(AddressProtocol::ip4, "10.0.0.1", 0), MultiaddrError);
}
