// The /metrics endpoint over real sockets on 127.0.0.1 (port 0): answers, refusals, bind
// errors that say what to do, slow clients, and stopping with connections open.
#include "node/ops/metrics_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "tests/unit/ops/exposition_parser.hpp"
#include "tests/unit/ops/ops_test_support.hpp"

using namespace proofgrid;
using namespace std::chrono_literals;

namespace {

int connect_local(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

// Reads until the server closes, at most `limit`; "<timeout>" appended when it did not.
std::string read_all(int fd, std::chrono::milliseconds limit = 5000ms) {
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return out + "<timeout>";
    char buf[4096];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return out;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

std::string request(std::uint16_t port, const std::string& text) {
  int fd = connect_local(port);
  REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  auto reply = read_all(fd);
  ::close(fd);
  return reply;
}

ops::MetricsServerOptions local_any_port() {
  ops::MetricsServerOptions o;
  o.port = "0";
  return o;
}

}  // namespace

TEST_CASE("GET /metrics answers the registry's exposition, HEAD the headers alone", "[ops][metrics][http]") {
  ops::Registry r;
  r.counter("demo_hits_total", "Hits").with({}).inc(7);
  ops::MetricsServer server(r, local_any_port());
  server.start();
  REQUIRE(server.port() != 0);
  CHECK(server.loopback_only());
  CHECK(server.address() == "127.0.0.1:" + std::to_string(server.port()));

  auto reply = request(server.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: text/plain\r\n\r\n");
  REQUIRE_THAT(reply, Catch::StartsWith("HTTP/1.1 200 OK\r\n"));
  CHECK_THAT(reply, Catch::Contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n") &&
                        Catch::Contains("Connection: close\r\n"));
  auto body = reply.substr(reply.find("\r\n\r\n") + 4);
  CHECK_THAT(reply, Catch::Contains("Content-Length: " + std::to_string(body.size()) + "\r\n"));
  CHECK(test::sample_value(test::parse_exposition(body), "demo_hits_total", "demo_hits_total", {}) == 7);

  auto head = request(server.port(), "HEAD /metrics?x=1 HTTP/1.0\r\n\r\n");
  CHECK_THAT(head, Catch::StartsWith("HTTP/1.1 200 OK\r\n") && Catch::EndsWith("\r\n\r\n"));
  CHECK(server.scrapes() == 2);
}

TEST_CASE("other paths, methods and garbage get short 4xx answers", "[ops][metrics][http]") {
  ops::Registry r;
  ops::MetricsServer server(r, local_any_port());
  server.start();
  CHECK_THAT(request(server.port(), "GET / HTTP/1.1\r\n\r\n"),
             Catch::StartsWith("HTTP/1.1 404 Not Found\r\n") && Catch::EndsWith("at /metrics\n"));
  CHECK_THAT(request(server.port(), "POST /metrics HTTP/1.1\r\n\r\n"),
             Catch::StartsWith("HTTP/1.1 405 Method Not Allowed\r\n") && Catch::Contains("Allow: GET, HEAD\r\n"));
  CHECK_THAT(request(server.port(), "hello\r\n\r\n"), Catch::StartsWith("HTTP/1.1 400 Bad Request\r\n"));
  CHECK_THAT(request(server.port(), "GET /metrics HTTP/1.1\r\nX: " + std::string(9000, 'a') + "\r\n\r\n"),
             Catch::StartsWith("HTTP/1.1 431 "));
  CHECK(server.scrapes() == 0);
}

TEST_CASE("a client that sends nothing is dropped after the request timeout", "[ops][metrics][http]") {
  ops::Registry r;
  auto options = local_any_port();
  options.request_timeout = 200ms;
  ops::MetricsServer server(r, options);
  server.start();
  int fd = connect_local(server.port());
  auto started = std::chrono::steady_clock::now();
  CHECK(read_all(fd, 5000ms).empty());  // closed by the server, not by our limit
  CHECK(std::chrono::steady_clock::now() - started < 4s);
  ::close(fd);
}

TEST_CASE("stop() returns with connections still open, and the port is free again", "[ops][metrics][http]") {
  ops::Registry r;
  auto server = std::make_unique<ops::MetricsServer>(r, local_any_port());
  server->start();
  auto port = std::to_string(server->port());
  int idle = connect_local(server->port());
  server->stop();
  server->stop();  // idempotent
  CHECK(read_all(idle, 2000ms).find("<timeout>") == std::string::npos);
  ::close(idle);
  server.reset();
  ops::MetricsServerOptions again;
  again.port = port;
  ops::MetricsServer next(r, again);
  CHECK_NOTHROW(next.start());
}

TEST_CASE("bind errors name the address and the fix", "[ops][metrics][http]") {
  ops::Registry r;
  ops::MetricsServer first(r, local_any_port());
  first.start();
  ops::MetricsServerOptions same;
  same.port = std::to_string(first.port());
  ops::MetricsServer second(r, same);
  CHECK_THROWS_WITH(second.start(), Catch::StartsWith("cannot serve metrics on 127.0.0.1:" + same.port + ": port " +
                                                      same.port + " is already in use") &&
                                        Catch::Contains("ss -ltnp") && Catch::Contains("metrics.listenAddress"));

  ops::MetricsServerOptions foreign;  // TEST-NET-1: never an address of this machine
  foreign.host = "192.0.2.1";
  foreign.port = "0";
  CHECK_THROWS_WITH(ops::MetricsServer(r, foreign).start(), Catch::Contains("192.0.2.1 is not on this machine"));
  ops::MetricsServerOptions nonsense;
  nonsense.host = "no-such-host.invalid";
  nonsense.port = "0";
  CHECK_THROWS_WITH(ops::MetricsServer(r, nonsense).start(), Catch::Contains("cannot resolve it"));

  auto options = ops::metrics_options(config::Multiaddr::parse("/ip6/::1/tcp/9464"));
  CHECK(options.host == "::1");
  CHECK(options.port == "9464");
}
