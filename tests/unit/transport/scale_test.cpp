// Many links on one io_context thread: the 2048-slot shape of a large cluster, with every
// worker and the control in this one process. It checks that all links come up and carry a
// round; the figures it prints are for reading, not asserted (speed goals live in benchmarks).
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <spdlog/sinks/null_sink.h>

#include "tests/unit/transport/support.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;
using namespace proofgrid::transport::test;
using Clock = std::chrono::steady_clock;

namespace {

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "VmRSS:") {
      status >> value;
      return value;
    }
    status.ignore(1 << 20, '\n');
  }
  return 0;
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

TEST_CASE("one io_context thread serves thousands of authenticated links", "[transport][scale]") {
  const char* env = std::getenv("PROOFGRID_SCALE_LINKS");
  const std::size_t n = env ? std::strtoul(env, nullptr, 10) : 2048;
  auto quiet = std::make_shared<spdlog::logger>("scale", std::make_shared<spdlog::sinks::null_sink_mt>());
  if (std::getenv("PROOFGRID_SCALE_LOG")) quiet = spdlog::default_logger();
  Cluster cluster;
  IoThread workers_io;  // every worker of the cluster, on one thread
  IoThread control_io;  // the control's links, on one thread
  auto handler = std::make_shared<EchoHandler>();

  long rss_start = rss_kib();
  std::vector<std::unique_ptr<WorkerServer>> servers;
  for (std::size_t i = 0; i < n; ++i) {
    WorkerServerOptions o = server_options(quiet, static_cast<std::uint32_t>(i));
    servers.push_back(std::make_unique<WorkerServer>(workers_io.io(), cluster.worker_tls, o, handler));
    servers.back()->start();
  }
  long rss_servers = rss_kib();

  std::atomic<std::size_t> ready{0}, answered{0}, failed{0};
  std::vector<std::unique_ptr<WorkerLink>> links;
  auto t0 = Clock::now();
  double cpu0 = cpu_seconds();
  for (std::size_t i = 0; i < n; ++i) {
    WorkerLinkOptions o = link_options(quiet, servers[i]->local_endpoint().port(),
                                       static_cast<std::uint32_t>(i));
    WorkerLinkCallbacks cb;
    cb.on_ready = [&](const Hello&) { ++ready; };
    cb.on_response = [&](const ProveResponse&) { ++answered; };
    cb.on_failed = [&](const ProveFailed&) { ++failed; };
    links.push_back(std::make_unique<WorkerLink>(control_io.io(), cluster.control_tls, o, cb));
    links.back()->start();
  }
  // Counted by state, not by on_ready: when both ends share two busy cores a handshake can
  // outlast its 5 s timeout, and such a link comes up again after its backoff.
  auto all_ready = [&] {
    for (auto& l : links) {
      if (l->state() != LinkState::ready) return false;
    }
    return true;
  };
  REQUIRE(wait_until(all_ready, std::chrono::seconds(240)));
  double connect_s = seconds_since(t0);
  double connect_cpu = cpu_seconds() - cpu0;
  long rss_links = rss_kib();

  auto t1 = Clock::now();
  for (std::size_t i = 0; i < n; ++i) {
    links[i]->request(ProveRequest{i + 1, 0, static_cast<std::uint32_t>(i), Bytes(32, 7), 1});
  }
  REQUIRE(wait_until([&] { return answered.load() + failed.load() == n; }, std::chrono::seconds(120)));
  CHECK(failed.load() == 0);
  double round_s = seconds_since(t1);
  CHECK(all_ready());

  std::cout << "scale: " << n << " links ready in " << connect_s << " s (" << connect_cpu
            << " s CPU for both ends, " << ready.load() - n << " handshakes redone), one round in "
            << round_s << " s; RSS " << (rss_servers - rss_start) / static_cast<long>(n) << " KiB per listening worker, "
            << (rss_links - rss_servers) / static_cast<long>(n)
            << " KiB per connected pair (both ends)\n";
  for (auto& l : links) l->stop();
  for (auto& s : servers) s->stop();
}
