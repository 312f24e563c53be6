#pragma once
// The control side of one slot: keeps a connection to that slot's data worker, reconnecting
// with exponential backoff (backoff_min doubling to backoff_max, with jitter), sends a
// heartbeat every heartbeat_interval and declares the worker dead after dead_after without
// a frame. Thousands of links can share one io_context (one thread serves them all); each
// link runs on its own strand.
//
// Calls (request, cancel, pause, resume, request_stats, stop) are safe from any thread, for
// instance the control's round thread; they are queued to the link's strand. Callbacks run
// on the io_context's thread, one at a time per link, and never after stop() has returned
// (stop() waits for a running callback, so a callback must not wait for a thread that may
// be calling stop()).
// Every request() gets exactly one answer: on_response, or on_failed (from the worker, or
// with FailureCode::not_connected / connection_lost when the link could not carry it).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/io_context.hpp>
#include <spdlog/logger.h>

#include "transport/fault_injection.hpp"
#include "transport/messages.hpp"
#include "transport/peer_label.hpp"
#include "transport/tls_context.hpp"

namespace proofgrid::transport {

enum class LinkState {
  idle,        // not started
  connecting,  // resolving, connecting, TLS handshake, Hello exchange
  ready,       // the worker's Hello arrived: requests can go
  down,        // waiting out the backoff before the next attempt
  stopped,
};
const char* link_state_name(LinkState s);

struct WorkerLinkOptions {
  std::string host;  // IP address or DNS name, resolved again on every attempt
  std::string port;
  std::uint32_t slot = 0;
  std::uint32_t core = 0;     // the --core flag the worker for this slot runs with
  std::string address_text;   // how log lines name the worker (the multiaddr)
  std::string build;          // sent in Hello
  std::chrono::milliseconds backoff_min{50};
  std::chrono::milliseconds backoff_max{5000};
  double backoff_jitter = 0.2;
  std::chrono::milliseconds connect_timeout{5000};    // resolve + TCP connect
  std::chrono::milliseconds handshake_timeout{5000};  // TLS + Hello
  std::chrono::milliseconds heartbeat_interval{1000};
  std::chrono::milliseconds dead_after{4000};
  // A worker that reports another slot (started with the wrong --core) is refused.
  bool require_slot_match = true;
  // A worker whose backend failed its self-test is refused (and retried with backoff).
  bool accept_failed_self_test = false;
  std::shared_ptr<FaultInjector> faults;
  std::shared_ptr<spdlog::logger> logger;  // spdlog's default logger when empty
};

struct WorkerLinkCallbacks {
  std::function<void(const Hello&)> on_ready;
  std::function<void(const ProveResponse&)> on_response;
  std::function<void(const ProveFailed&)> on_failed;
  std::function<void(const Stats&)> on_stats;
  // When a ready link is lost, and once when the first attempt after start() or after a
  // loss fails; further failures while down are logged, not called back.
  std::function<void(const std::string& reason)> on_down;
};

class WorkerLink {
 public:
  WorkerLink(boost::asio::io_context& io, std::shared_ptr<ControlTls> tls,
             WorkerLinkOptions options, WorkerLinkCallbacks callbacks);
  ~WorkerLink();
  WorkerLink(const WorkerLink&) = delete;
  WorkerLink& operator=(const WorkerLink&) = delete;

  // Starts connecting. Throws TransportError when the options cannot work (insecure mode
  // towards a non-loopback IP address, empty host or port).
  void start();
  void stop();

  // Throws std::invalid_argument if the challenge is longer than kMaxChallenge.
  void request(ProveRequest request);
  void cancel(std::uint64_t job_id);
  // Remembered across reconnects: a paused link pauses its worker again after reconnecting.
  void pause();
  void resume();
  // Best effort: the answer arrives through on_stats if the link is ready.
  void request_stats();

  LinkState state() const;
  const PeerLabel& label() const;
  std::uint64_t connect_attempts() const;
  std::optional<std::chrono::microseconds> rtt() const;
  // The Hello of the worker while the link is ready.
  std::optional<Hello> worker_hello() const;

 private:
  struct Core;
  std::shared_ptr<Core> core_;
};

}  // namespace proofgrid::transport
