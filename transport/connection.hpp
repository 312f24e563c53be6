#pragma once
// One framed, TLS-authenticated connection between a control process and a data worker; the
// machinery both WorkerServer and WorkerLink stand on.
//
// Life: TLS handshake (a worker refuses a client that is not its control) → each end sends
// its Hello → the peer's Hello makes the connection ready → application messages, checked
// by SessionRules. A malformed, oversized or out-of-order frame closes the connection with a
// reason (sent to the peer in a Close frame where possible); nothing a peer sends can do more
// than that. The control sends heartbeats; either end closes a connection that stays silent
// for idle_timeout. All methods run on the socket's executor (a strand): call them from
// there. Events are delivered on it too.
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/logger.h>

#include "transport/fault_injection.hpp"
#include "transport/frame.hpp"
#include "transport/messages.hpp"
#include "transport/session_rules.hpp"
#include "transport/tls_context.hpp"

namespace proofgrid::transport {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Socket = boost::asio::ip::tcp::socket;
  using Clock = std::chrono::steady_clock;

  struct Settings {
    Hello hello;                  // sent first; hello.role is this end's role
    std::string log_prefix;       // names the worker (label) for debug lines
    std::chrono::milliseconds handshake_timeout{5000};  // TLS handshake + Hello exchange
    std::chrono::milliseconds heartbeat_interval{0};    // > 0: send Heartbeat this often
    std::chrono::milliseconds idle_timeout{4000};       // close after this long without bytes
    std::size_t max_queued_bytes = 1 << 20;             // the peer is not reading beyond this
    std::shared_ptr<FaultInjector> faults;
    std::shared_ptr<spdlog::logger> logger;
  };

  struct CloseInfo {
    CloseCode code = CloseCode::normal;
    std::string reason;  // "the peer closed the connection: ..." when the peer sent Close
  };

  struct Events {
    std::function<void()> on_ready;                   // the peer's Hello was accepted
    std::function<void(Message&&)> on_message;        // requests, answers, stats, pause...
    std::function<void(const CloseInfo&)> on_closed;  // exactly once, then events are dropped
  };

  Connection(Socket socket, std::shared_ptr<TlsContext> tls, Settings settings, Events events);
  ~Connection();

  void start();
  // Sends unless SessionRules forbid it now; returns the reason when it does not send.
  std::optional<std::string> send(const Message& m);
  // Sends Close{code, reason} when the session is up, then shuts the socket down.
  void close(CloseCode code, std::string reason);

  bool ready() const { return ready_; }
  bool closed() const { return closed_; }
  const SessionRules& rules() const { return rules_; }
  const std::string& remote() const { return remote_; }
  const AuthRecord& auth() const { return auth_; }
  // The latest heartbeat round trip, if one has completed. Safe from any thread.
  std::optional<std::chrono::microseconds> rtt() const;

 private:
  void on_handshake(const boost::system::error_code& ec);
  void read_more();
  void on_read(const boost::system::error_code& ec, std::size_t n);
  void handle_frame(const Frame& f);
  void handle_message(Message&& m);
  void enqueue(Bytes frame, MessageType type);
  void write_next();
  void tick();
  void fail(CloseCode code, std::string reason);
  void report(CloseInfo info);
  void shutdown_socket();
  // The close code and an operator-readable reason for a socket or TLS error.
  std::pair<CloseCode, std::string> describe_error(const boost::system::error_code& ec) const;

  boost::asio::ssl::stream<Socket> stream_;
  std::shared_ptr<TlsContext> tls_;
  Settings settings_;
  Events events_;
  SessionRules rules_;
  FrameDecoder decoder_;
  AuthRecord auth_;
  std::string remote_;
  std::array<std::uint8_t, 4096> read_buf_{};

  boost::asio::steady_timer timer_;       // handshake deadline, then the heartbeat tick
  boost::asio::steady_timer hold_timer_;  // injected delays and the close linger
  std::deque<Bytes> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  Clock::time_point hold_until_{};

  bool tls_done_ = false;
  bool ready_ = false;
  bool closing_ = false;   // Close queued: flush it, then shut down
  bool closed_ = false;    // reported to the owner
  Clock::time_point last_rx_{};
  // How long this end's own io thread could not run since last_rx_ (ticks that fired late):
  // not the peer's silence. A control whose one io thread serves thousands of links, starved
  // by verification or by other processes, would otherwise find every link silent at once.
  Clock::duration stalled_since_rx_{};
  Clock::time_point last_heartbeat_at_{};
  std::uint64_t heartbeat_nonce_ = 0;
  std::atomic<std::int64_t> rtt_us_{-1};
};

}  // namespace proofgrid::transport
