#pragma once
// A tiny HTTP/1.1 server for Prometheus: GET (or HEAD) /metrics answers the registry's text
// exposition; anything else gets a short 4xx. One request per connection, a bounded request
// head, a time limit and a cap on open connections, on a thread of its own so scrapes never
// wait for the round loop. Loopback by default: metrics name hosts and addresses.
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "node/config/multiaddr.hpp"
#include "node/ops/metrics.hpp"

namespace proofgrid::ops {

// Cannot serve metrics; what() names the address and what to do.
class MetricsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::uint16_t kDefaultMetricsPort = 9464;

struct MetricsServerOptions {
  std::string host = "127.0.0.1";
  std::string port = std::to_string(kDefaultMetricsPort);  // "0" picks a free port (tests)
  std::size_t max_connections = 16;
  std::chrono::milliseconds request_timeout{5000};
};

// metrics.listenAddress as server options (/ip4/127.0.0.1/tcp/9464 → 127.0.0.1, 9464).
MetricsServerOptions metrics_options(const config::Multiaddr& address);

class MetricsServer {
 public:
  MetricsServer(const Registry& registry, MetricsServerOptions options);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // Binds, listens and starts serving. Throws MetricsError: unknown host, address not on this
  // machine, port in use, privileged port.
  void start();
  // Stops serving and closes every connection; idempotent, also run by the destructor.
  void stop();

  std::uint16_t port() const;       // the bound port (after start)
  std::string address() const;      // "127.0.0.1:9464", "[::1]:9464"
  bool loopback_only() const;       // false: reachable from the network (worth a warning)
  std::uint64_t scrapes() const;    // successful GET /metrics answers

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace proofgrid::ops
