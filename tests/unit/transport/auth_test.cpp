// Authentication: only the cluster's control gets past the TLS handshake, nothing is
// dispatched before it and its Hello, refusals are logged with the remote address, and the
// insecure mode is loopback-only.
#include <catch2/catch.hpp>

#include "tests/unit/transport/support.hpp"
#include "transport/endpoint.hpp"
#include "transport/errors.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;
using namespace proofgrid::transport::test;

namespace {

ProveRequest some_request() { return ProveRequest{1, 1, 2, Bytes(32, 3), 10}; }

Hello control_hello() {
  Hello h;
  h.role = Role::control;
  h.slot = 2;
  h.core = 3;
  return h;
}

std::string local_address(ScriptedPeer& peer) {
  return endpoint_text(peer.stream().next_layer().local_endpoint());
}

// The worker closed on the peer, logged its address and the reason, and ran nothing.
void check_refused(Rig& w, ScriptedPeer& peer, const std::string& address,
                   const std::string& reason, bool plain_tcp = false) {
  CHECK(peer.wait_closed(std::chrono::seconds(3), nullptr, plain_tcp));
  CHECK(wait_until([&] { return w.log.sink->contains("refused " + address + ": " + reason); }));
  CHECK(w.handler->prove_calls == 0);
  CHECK_FALSE(w.server->control_connected());
}

}  // namespace

TEST_CASE("a client with another key is refused, and the log names its address", "[transport][auth]") {
  Rig w({.start_link = false});
  ControlIdentity intruder = ControlIdentity::generate();
  ScriptedPeer peer(ControlTls::authenticated(intruder));
  REQUIRE(peer.connect(w.port()));
  std::string address = local_address(peer);
  // A TLS 1.3 client finishes its side before the server has checked its certificate, so it
  // can already send: the worker must still never act on it.
  if (peer.handshake()) {
    peer.send(control_hello());
    peer.send(some_request());
  }
  check_refused(w, peer, address,
                "client certificate fingerprint " + short_fingerprint(intruder.fingerprint_hex()) +
                    " is not this cluster's control key");
  CHECK(w.server->refused_connections() == 1);
}

TEST_CASE("a control whose key the worker does not know learns what to check", "[transport][auth]") {
  ControlIdentity other = ControlIdentity::generate();
  Rig w({.control_tls = ControlTls::authenticated(other)});
  REQUIRE(wait_until([&] { return w.events.size(&LinkEvents::downs) == 1; }));
  CHECK_THAT(w.events.at(&LinkEvents::downs, 0),
             Catch::Contains("refused this control") && Catch::Contains(other.fingerprint_hex()));
  CHECK(w.events.size(&LinkEvents::ready) == 0);
  CHECK(w.handler->prove_calls == 0);
}

TEST_CASE("a client without a certificate is refused", "[transport][auth]") {
  Rig w({.start_link = false});
  ScriptedPeer peer(ControlTls::insecure_loopback_no_auth());
  REQUIRE(peer.connect(w.port()));
  std::string address = local_address(peer);
  if (peer.handshake()) peer.send(some_request());
  check_refused(w, peer, address, "client presented no certificate");
}

TEST_CASE("a client that does not speak TLS is refused before any frame is read", "[transport][auth]") {
  Rig w({.start_link = false});
  ScriptedPeer peer(w.cluster.control_tls);
  REQUIRE(peer.connect(w.port()));
  std::string address = local_address(peer);
  Bytes clear = encode_message(control_hello());
  append(clear, encode_message(some_request()));
  peer.send_raw(clear, std::chrono::seconds(3), true);
  check_refused(w, peer, address, "not a TLS peer", true);
}

TEST_CASE("an authenticated control gets nothing dispatched before its Hello", "[transport][auth]") {
  Rig w({.start_link = false});
  ScriptedPeer peer(w.cluster.control_tls);
  REQUIRE(peer.connect(w.port()));
  REQUIRE(peer.handshake());
  auto hello = peer.read();
  REQUIRE(hello);
  CHECK(std::get<Hello>(*hello).role == Role::worker);
  peer.send(some_request());
  std::vector<Message> seen;
  CHECK(peer.wait_closed(std::chrono::seconds(3), &seen));
  REQUIRE(seen.size() == 1);
  CHECK(std::get<Close>(seen[0]).code == CloseCode::out_of_order);
  CHECK_THAT(std::get<Close>(seen[0]).reason, Catch::Contains("ProveRequest before Hello"));
  CHECK(w.handler->prove_calls == 0);
  CHECK(wait_until([&] { return w.log.sink->contains("ProveRequest before Hello"); }));
}

TEST_CASE("a client that never finishes its handshake is dropped after the timeout",
          "[transport][auth]") {
  Rig w({.server =
             [](WorkerServerOptions& o) {
               o.handshake_timeout = std::chrono::milliseconds(300);
               o.max_pending_handshakes = 2;
             },
         .start_link = false});
  ScriptedPeer a(w.cluster.control_tls), b(w.cluster.control_tls), c(w.cluster.control_tls);
  REQUIRE(a.connect(w.port()));
  REQUIRE(b.connect(w.port()));
  REQUIRE(wait_until([&] { return w.log.sink->contains("connection from " + local_address(b)); }));
  REQUIRE(c.connect(w.port()));
  check_refused(w, c, local_address(c), "2 connections are already in their handshake", true);
  check_refused(w, a, local_address(a), "TLS handshake and Hello not completed within 0.3 s", true);
}

TEST_CASE("insecure mode refuses anything that is not loopback", "[transport][auth][insecure]") {
  CapturedLog log = capture_log("insecure");
  IoThread io;
  WorkerServerOptions o = server_options(log.logger);
  o.host = "0.0.0.0";
  WorkerServer everywhere(io.io(), WorkerTls::insecure_loopback_no_auth(), o,
                          std::make_shared<EchoHandler>());
  CHECK_THROWS_WITH(everywhere.start(), Catch::Contains("only allowed on a loopback address") &&
                                            Catch::Contains("0.0.0.0"));

  LinkEvents ev;
  WorkerLinkOptions lo = link_options(log.logger, 40000);
  lo.host = "192.0.2.10";
  WorkerLink remote(io.io(), ControlTls::insecure_loopback_no_auth(), lo, ev.callbacks());
  CHECK_THROWS_WITH(remote.start(), Catch::Contains("not a loopback address") &&
                                        Catch::Contains("192.0.2.10"));
  CHECK(is_loopback(boost::asio::ip::make_address("127.0.0.2")));
  CHECK(is_loopback(boost::asio::ip::make_address("::1")));
  CHECK(is_loopback(boost::asio::ip::make_address("::ffff:127.0.0.1")));
  CHECK_FALSE(is_loopback(boost::asio::ip::make_address("::ffff:10.0.0.1")));
  CHECK_FALSE(is_loopback(boost::asio::ip::make_address("10.0.0.1")));
}

TEST_CASE("insecure mode works on loopback, loudly", "[transport][auth][insecure]") {
  Rig w({.worker_tls = WorkerTls::insecure_loopback_no_auth(),
         .control_tls = ControlTls::insecure_loopback_no_auth()});
  REQUIRE(w.link_ready());
  w.link->request(some_request());
  REQUIRE(wait_until([&] { return w.events.size(&LinkEvents::responses) == 1; }));
  CHECK(w.log.sink->contains("listening on 127.0.0.1:" + std::to_string(w.port()) +
                             " WITHOUT authentication"));
  CHECK(w.log.sink->contains("connected WITHOUT authentication"));
  CHECK(w.log.sink->contains("connecting WITHOUT authentication"));
}

TEST_CASE("an insecure control cannot use an authenticating worker", "[transport][auth][insecure]") {
  Rig w({.control_tls = ControlTls::insecure_loopback_no_auth()});
  REQUIRE(wait_until([&] { return w.events.size(&LinkEvents::downs) == 1; }));
  CHECK(w.events.size(&LinkEvents::ready) == 0);
  CHECK(wait_until([&] { return w.log.sink->contains("client presented no certificate"); }));
}
