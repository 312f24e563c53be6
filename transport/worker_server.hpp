#pragma once
// The data-worker side: listens on the slot's address, authenticates the cluster's control
// (TLS 1.3, pinned key), exchanges Hello and hands requests to a WorkerHandler.
//
// One active control connection at a time: when a new one completes authentication and
// Hello it replaces the old one, whose jobs are cancelled. Connections still in their
// handshake do not disturb the active one, and there may be at most
// max_pending_handshakes of them. A worker never dispatches anything before the control's
// Hello has arrived on an authenticated connection.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <spdlog/logger.h>

#include "transport/fault_injection.hpp"
#include "transport/peer_label.hpp"
#include "transport/tls_context.hpp"
#include "transport/worker_handler.hpp"

namespace proofgrid::transport {

struct WorkerServerOptions {
  std::string host;  // the slot's address on this machine ("0.0.0.0" listens everywhere)
  std::string port;  // numeric; "0" picks a free port (tests)
  std::uint32_t slot = 0;
  std::uint32_t core = 0;       // this process's --core flag
  std::string address_text;     // how log lines name the address (the multiaddr)
  std::string build;            // sent in Hello
  std::string backend;
  std::string device;
  bool self_test_ok = true;
  std::string self_test_detail;
  std::chrono::milliseconds handshake_timeout{5000};
  // A control sends a heartbeat every second; this much silence means it is gone.
  std::chrono::milliseconds idle_timeout{10000};
  std::size_t max_pending_handshakes = 16;
  std::shared_ptr<FaultInjector> faults;
  std::shared_ptr<spdlog::logger> logger;  // spdlog's default logger when empty
};

class WorkerServer {
 public:
  WorkerServer(boost::asio::io_context& io, std::shared_ptr<WorkerTls> tls,
               WorkerServerOptions options, std::shared_ptr<WorkerHandler> handler);
  ~WorkerServer();
  WorkerServer(const WorkerServer&) = delete;
  WorkerServer& operator=(const WorkerServer&) = delete;

  // Binds and starts accepting. Throws TransportError (address not on this machine, port in
  // use, insecure mode on a non-loopback address...) with what to do about it.
  void start();
  // Closes every connection and the listener. Safe from any thread; once it returns the
  // handler is not called again. Outstanding jobs are cancelled.
  void stop();

  boost::asio::ip::tcp::endpoint local_endpoint() const;
  bool control_connected() const;
  std::uint64_t refused_connections() const;
  const PeerLabel& label() const;

 private:
  struct Core;
  std::shared_ptr<Core> core_;
};

}  // namespace proofgrid::transport
