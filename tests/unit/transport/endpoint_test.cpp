// Listening errors an operator can meet, and how addresses appear in log lines.
#include <catch2/catch.hpp>

#include "tests/unit/transport/support.hpp"
#include "transport/endpoint.hpp"
#include "transport/errors.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;
using namespace proofgrid::transport::test;

TEST_CASE("a port in use is refused with the port and what to do", "[transport][endpoint]") {
  CapturedLog log = capture_log("bind");
  Cluster cluster;
  IoThread io;
  auto handler = std::make_shared<EchoHandler>();
  WorkerServer first(io.io(), cluster.worker_tls, server_options(log.logger), handler);
  first.start();
  WorkerServerOptions o = server_options(log.logger, 5);
  o.port = std::to_string(first.local_endpoint().port());
  WorkerServer second(io.io(), cluster.worker_tls, o, handler);
  CHECK_THROWS_WITH(second.start(),
                    Catch::Contains("slot 5 (--core 6)") &&
                        Catch::Contains("port " + o.port + " is already in use") &&
                        Catch::Contains("ss -ltnp"));
  first.stop();
  second.stop();
}

TEST_CASE("an address that is not on this machine is refused with advice", "[transport][endpoint]") {
  CapturedLog log = capture_log("bind");
  Cluster cluster;
  IoThread io;
  WorkerServerOptions o = server_options(log.logger);
  o.host = "192.0.2.77";  // TEST-NET-1: never a local address
  WorkerServer s(io.io(), cluster.worker_tls, o, std::make_shared<EchoHandler>());
  CHECK_THROWS_WITH(s.start(), Catch::Contains("address 192.0.2.77 is not on this machine") &&
                                   Catch::Contains("ip -br addr"));
  o.host = "127.0.0.1";
  o.port = "http-alt";
  WorkerServer named(io.io(), cluster.worker_tls, o, std::make_shared<EchoHandler>());
  CHECK_THROWS_WITH(named.start(), Catch::Contains("cannot resolve") && Catch::Contains("numeric port"));
  s.stop();
  named.stop();
}

TEST_CASE("addresses and labels read well in log lines", "[transport][endpoint]") {
  namespace ip = boost::asio::ip;
  CHECK(endpoint_text({ip::make_address("10.0.0.2"), 40003}) == "10.0.0.2:40003");
  CHECK(endpoint_text({ip::make_address("::1"), 40003}) == "[::1]:40003");
  CHECK(endpoint_text({ip::make_address("::ffff:10.0.0.2"), 1}) == "10.0.0.2:1");
  CHECK(PeerLabel{3, 4, "/ip4/10.0.0.2/tcp/40003"}.text() == "slot 3 (--core 4) /ip4/10.0.0.2/tcp/40003");
  CHECK(printable("ok\n\x1b[31mred") == "ok\\x0a\\x1b[31mred");
  CHECK(printable(std::string(300, 'x'), 10) == std::string(10, 'x') + "...");
  CHECK(short_fingerprint("0123456789abcdef0123") == "0123456789abcdef…");
}
