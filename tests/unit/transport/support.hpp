#pragma once
// Test helpers for the transport: a log capture, an io_context thread, a polling wait, a
// handler that answers with SHAKE256 of the challenge (a transport test, not a proof), and
// a scripted TLS peer that sends and reads exactly what a test wants.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "transport/frame.hpp"
#include "transport/messages.hpp"
#include "transport/tls_context.hpp"
#include "transport/worker_handler.hpp"
#include "transport/worker_link.hpp"
#include "transport/worker_server.hpp"

namespace proofgrid::transport::test {

using namespace std::chrono_literals;
using ms = std::chrono::milliseconds;

// Keeps every log line so a test can check what an operator would read.
class CaptureSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  struct Line {
    std::chrono::steady_clock::time_point at;
    spdlog::level::level_enum level;
    std::string text;
  };
  bool contains(const std::string& text);
  std::vector<Line> lines();
  std::string dump();

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}

 private:
  std::vector<Line> lines_;  // guarded by the base sink's mutex
};

struct CapturedLog {
  std::shared_ptr<CaptureSink> sink;
  std::shared_ptr<spdlog::logger> logger;
};
CapturedLog capture_log(const std::string& name);

// Polls `pred` until it holds or `timeout` passes.
bool wait_until(const std::function<bool()>& pred, ms timeout = 5000ms);

// One io_context run by a background thread, as a node would run it.
class IoThread {
 public:
  IoThread();
  ~IoThread();
  boost::asio::io_context& io() { return io_; }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

// output = SHAKE256(challenge ‖ BE64(difficulty), 516): real work a test can check.
VdfOutput echo_output(const ProveRequest& r);

// Answers every job with echo_output from a thread of its own, unless `hold` is set: then it
// keeps the jobs until they are cancelled and answers fail(cancelled).
class EchoHandler : public WorkerHandler {
 public:
  ~EchoHandler() override;
  void prove(ProveJob job) override;
  void pause() override { paused = true; }
  void resume() override { paused = false; }
  WorkerStatus status() override;

  std::atomic<int> prove_calls{0};
  std::atomic<bool> paused{false};
  std::atomic<bool> hold{false};
  std::atomic<bool> drop{false};  // let go of jobs without answering
  std::atomic<bool> fail{false};  // throw from prove()
  std::atomic<std::uint64_t> done{0};

 private:
  std::mutex mutex_;
  std::vector<std::thread> threads_;
};

// Everything a link reported, for tests to wait on.
struct LinkEvents {
  std::mutex mutex;
  std::vector<Hello> ready;
  std::vector<ProveResponse> responses;
  std::vector<ProveFailed> failures;
  std::vector<Stats> stats;
  std::vector<std::string> downs;
  WorkerLinkCallbacks callbacks();
  template <class T>
  std::function<void(const T&)> recorder(std::vector<T> LinkEvents::*member) {
    return [this, member](const T& v) {
      std::lock_guard lock(mutex);
      (this->*member).push_back(v);
    };
  }
  template <class T>
  std::size_t size(std::vector<T> LinkEvents::*member) {
    std::lock_guard lock(mutex);
    return (this->*member).size();
  }
  template <class T>
  T at(std::vector<T> LinkEvents::*member, std::size_t i) {
    std::lock_guard lock(mutex);
    return (this->*member).at(i);
  }
};

// A control identity and the TLS contexts of both ends that trust it.
struct Cluster {
  ControlIdentity identity = ControlIdentity::generate();
  std::shared_ptr<ControlTls> control_tls = ControlTls::authenticated(identity);
  std::shared_ptr<WorkerTls> worker_tls = WorkerTls::authenticated(identity.fingerprint_hex());
};

WorkerServerOptions server_options(std::shared_ptr<spdlog::logger> log, std::uint32_t slot = 2);
WorkerLinkOptions link_options(std::shared_ptr<spdlog::logger> log, std::uint16_t port,
                               std::uint32_t slot = 2);

// One worker (a real WorkerServer with an EchoHandler, slot 2) and a real WorkerLink to it,
// both on one io_context thread, logging into one capture.
struct RigSetup {
  // Initialised members, so that tests can name only the ones they change.
  std::function<void(WorkerServerOptions&)> server = nullptr;  // adjusts the server's options
  std::function<void(WorkerLinkOptions&)> link = nullptr;      // adjusts the link's options
  std::shared_ptr<WorkerTls> worker_tls = nullptr;             // default: the cluster's
  std::shared_ptr<ControlTls> control_tls = nullptr;           // default: the cluster's
  bool start_server = true;
  bool start_link = true;
};

struct Rig {
  using Setup = RigSetup;
  explicit Rig(Setup setup = {});
  ~Rig();

  std::uint16_t port() const { return server->local_endpoint().port(); }
  // (Re)creates and starts the link towards `port` (default: the server's).
  void make_link(std::uint16_t port = 0);
  bool link_ready(ms timeout = 5000ms);

  Setup setup;
  CapturedLog log = capture_log("rig");
  Cluster cluster;
  IoThread io;
  std::shared_ptr<EchoHandler> handler = std::make_shared<EchoHandler>();
  std::unique_ptr<WorkerServer> server;
  LinkEvents events;
  std::unique_ptr<WorkerLink> link;
};

// A peer driven step by step from the test thread on an io_context of its own; every step
// has a timeout so a broken peer cannot hang a test.
class ScriptedPeer {
 public:
  using Stream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;
  // `tls` decides the TLS role and credentials; the stream may also be used as plain TCP.
  explicit ScriptedPeer(std::shared_ptr<TlsContext> tls);

  bool connect(std::uint16_t port, ms timeout = 3000ms);
  // Listens on 127.0.0.1:0; returns the port. accept() waits for one client.
  std::uint16_t listen();
  bool accept(ms timeout = 5000ms);
  bool handshake(ms timeout = 3000ms);
  bool send(const Message& m, ms timeout = 3000ms) { return send_raw(encode_message(m), timeout); }
  bool send_raw(ByteView bytes, ms timeout = 3000ms, bool plain_tcp = false);
  // The next message, or nothing when the peer closed, the stream broke or time ran out.
  std::optional<Message> read(ms timeout = 3000ms);
  // Reads until the peer closes; true if it did within `timeout`. Messages seen are kept.
  bool wait_closed(ms timeout, std::vector<Message>* seen = nullptr, bool plain_tcp = false);
  Stream& stream() { return *stream_; }

 private:
  boost::system::error_code await(const std::function<void(std::function<void(const boost::system::error_code&)>)>& start,
                                  ms timeout);
  bool fill(ms timeout, bool plain_tcp);

  boost::asio::io_context io_;
  std::shared_ptr<TlsContext> tls_;
  std::unique_ptr<Stream> stream_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  FrameDecoder decoder_;
  bool closed_ = false;
};

}  // namespace proofgrid::transport::test
