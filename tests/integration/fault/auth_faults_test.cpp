// Fault matrix, authentication against real worker processes: a prove request sent before
// (without) TLS authentication is refused and never served; a broken config pushed by a
// reload (SIGHUP) is rejected while the control keeps running the old one.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <fstream>

#include "tests/integration/fault/fault_support.hpp"
#include "transport/messages.hpp"

using namespace proofgrid::test;

namespace {

// Connects to 127.0.0.1:port, sends `bytes`, and returns what comes back until the worker
// closes the connection (or 10 s pass: then nullopt).
std::optional<std::string> send_raw(std::uint16_t port, const proofgrid::Bytes& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
  std::string reply;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0 || (n < 0 && errno == ECONNRESET)) break;  // closed by the worker
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    reply.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return reply;
}

}  // namespace

TEST_CASE("fault: a prove request sent without authenticating is refused and never served", "[fault][auth]") {
  TempDir dir("pg-fault-auth");
  ClusterConfig cfg = ClusterConfig::listed(1);
  const auto cfg_dir = cfg.write(dir);
  Proc worker({"--config", cfg_dir.string(), "--core", "1"}, dir / "worker.log");
  LogOnFailure log_on_failure(worker, "worker");
  REQUIRE(worker.wait_for("data worker ready"));

  proofgrid::transport::ProveRequest req;
  req.job_id = 1;
  req.increment = 0;
  req.slot = 0;
  req.challenge = proofgrid::Bytes(32, 0x5a);
  req.difficulty = 100;
  const auto reply = send_raw(cfg.base_port, proofgrid::transport::encode_message(req));
  REQUIRE(reply);  // the worker hung up instead of waiting for more
  // At most a TLS alert comes back (content type 21), never a proofgrid frame.
  if (!reply->empty()) CHECK(static_cast<unsigned char>((*reply)[0]) == 21);
  REQUIRE(worker.wait_for(": refused 127.0.0.1:", 10s));
  CHECK_THAT(worker.output(), !Catch::Contains("authenticated"));
  CHECK_THAT(worker.output(), !Catch::Contains("refused job"));
  CHECK(worker.running());
  worker.signal(SIGTERM);
  CHECK(worker.wait_exit(20s) == std::optional<int>(0));
}

TEST_CASE("fault: a broken config pushed by reload is rejected and the old one keeps running", "[fault][config]") {
  LocalCluster c(ClusterConfig::of(2));
  Proc& control = *c.control;
  LogOnFailure log_on_failure(control, "control");
  REQUIRE(wait_rounds(control, 2));
  const auto config_file = c.cfg_dir / "config.yml";
  const std::string good = read_file(config_file);
  {
    std::ofstream out(config_file, std::ios::trunc);
    out << good << "  difficulty: lots\n";  // a second key, and not a number
  }
  control.signal(SIGHUP);  // what `proofgrid reload` and `systemctl reload` send
  REQUIRE(control.wait_for("config.yml is invalid", 15s));
  const std::size_t at_reload = round_count(control);
  REQUIRE(wait_rounds(control, at_reload + 2));
  CHECK(control.running());
  for (const auto& line : round_lines(control.output())) CHECK_THAT(line, Catch::Contains("P=2"));
  stop_cleanly(control);
  {
    std::ofstream out(config_file, std::ios::trunc);  // the operator mends the file; verify reads it
    out << good;
  }
  verify_clean(c.cfg_dir, at_reload + 1);
}
