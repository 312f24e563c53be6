#include "tests/unit/transport/support.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>

#include "engine/common/hash.hpp"

namespace proofgrid::transport::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

void CaptureSink::sink_it_(const spdlog::details::log_msg& msg) {
  lines_.push_back({std::chrono::steady_clock::now(), msg.level,
                    std::string(msg.payload.data(), msg.payload.size())});
}

bool CaptureSink::contains(const std::string& text) {
  std::lock_guard lock(mutex_);
  for (const auto& l : lines_) {
    if (l.text.find(text) != std::string::npos) return true;
  }
  return false;
}

std::vector<CaptureSink::Line> CaptureSink::lines() {
  std::lock_guard lock(mutex_);
  return lines_;
}

std::string CaptureSink::dump() {
  std::string out;
  for (const auto& l : lines()) out += l.text + "\n";
  return out;
}

CapturedLog capture_log(const std::string& name) {
  auto sink = std::make_shared<CaptureSink>();
  auto logger = std::make_shared<spdlog::logger>(name, sink);
  logger->set_level(spdlog::level::debug);
  return {sink, logger};
}

bool wait_until(const std::function<bool()>& pred, ms timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return pred();
}

IoThread::IoThread()
    : guard_(io_.get_executor()), thread_([this] {
        io_.run();
        finished_ = true;
      }) {}

IoThread::~IoThread() {
  // Servers and links were stopped before: give their closing work a moment to drain.
  guard_.reset();
  wait_until([this] { return finished_.load(); }, 2000ms);
  io_.stop();
  thread_.join();
}

VdfOutput echo_output(const ProveRequest& r) {
  Bytes input = r.challenge;
  append_be32(input, static_cast<std::uint32_t>(r.difficulty >> 32));
  append_be32(input, static_cast<std::uint32_t>(r.difficulty));
  Bytes out = shake256(input, kVdfOutputSize);
  VdfOutput o{};
  std::copy(out.begin(), out.end(), o.begin());
  return o;
}

EchoHandler::~EchoHandler() {
  for (auto& t : threads_) t.join();
}

void EchoHandler::prove(ProveJob job) {
  ++prove_calls;
  if (fail) throw std::runtime_error("backend exploded");
  if (drop) return;
  std::lock_guard lock(mutex_);
  threads_.emplace_back([this, job] {
    if (hold) {
      auto deadline = std::chrono::steady_clock::now() + 10s;
      while (!job.cancel_token().cancelled() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(2ms);
      }
      job.fail(FailureCode::cancelled, "cancelled by the control");
      return;
    }
    auto start = std::chrono::steady_clock::now();
    VdfOutput out = echo_output(job.request());
    ++done;
    job.succeed(out, std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::steady_clock::now() - start));
  });
}

WorkerStatus EchoHandler::status() { return {done.load(), false, paused.load()}; }

WorkerLinkCallbacks LinkEvents::callbacks() {
  WorkerLinkCallbacks cb;
  cb.on_ready = recorder(&LinkEvents::ready);
  cb.on_response = recorder(&LinkEvents::responses);
  cb.on_failed = recorder(&LinkEvents::failures);
  cb.on_stats = recorder(&LinkEvents::stats);
  cb.on_down = recorder(&LinkEvents::downs);
  return cb;
}

WorkerServerOptions server_options(std::shared_ptr<spdlog::logger> log, std::uint32_t slot) {
  WorkerServerOptions o;
  o.host = "127.0.0.1";
  o.port = "0";
  o.slot = slot;
  o.core = slot + 1;
  o.address_text = "/ip4/127.0.0.1/tcp/test";
  o.build = "proofgrid-test";
  o.backend = "echo";
  o.device = "test thread";
  o.logger = std::move(log);
  return o;
}

WorkerLinkOptions link_options(std::shared_ptr<spdlog::logger> log, std::uint16_t port,
                               std::uint32_t slot) {
  WorkerLinkOptions o;
  o.host = "127.0.0.1";
  o.port = std::to_string(port);
  o.slot = slot;
  o.core = slot + 1;
  o.address_text = "/ip4/127.0.0.1/tcp/" + std::to_string(port);
  o.build = "proofgrid-test";
  o.logger = std::move(log);
  return o;
}

Rig::Rig(Setup s) : setup(std::move(s)) {
  if (setup.start_server) {
    WorkerServerOptions o = server_options(log.logger);
    if (setup.server) setup.server(o);
    server = std::make_unique<WorkerServer>(
        io.io(), setup.worker_tls ? setup.worker_tls : cluster.worker_tls, o, handler);
    server->start();
  }
  if (setup.start_link) make_link();
}

Rig::~Rig() {
  if (link) link->stop();
  if (server) server->stop();
}

void Rig::make_link(std::uint16_t to_port) {
  if (link) link->stop();
  WorkerLinkOptions o = link_options(log.logger, to_port ? to_port : port());
  if (setup.link) setup.link(o);
  link = std::make_unique<WorkerLink>(
      io.io(), setup.control_tls ? setup.control_tls : cluster.control_tls, o, events.callbacks());
  link->start();
}

bool Rig::link_ready(ms timeout) {
  return wait_until([&] { return link->state() == LinkState::ready; }, timeout);
}

ScriptedPeer::ScriptedPeer(std::shared_ptr<TlsContext> tls)
    : tls_(std::move(tls)), stream_(std::make_unique<Stream>(io_, tls_->asio())) {}

error_code ScriptedPeer::await(
    const std::function<void(std::function<void(const error_code&)>)>& start, ms timeout) {
  std::optional<error_code> result;
  start([&result](const error_code& ec) { result = ec; });
  io_.restart();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!result && std::chrono::steady_clock::now() < deadline) io_.run_one_until(deadline);
  if (!result) {
    error_code ignored;
    stream_->next_layer().close(ignored);
    if (acceptor_) acceptor_->close(ignored);
    io_.restart();
    io_.run();
    return asio::error::timed_out;
  }
  return *result;
}

bool ScriptedPeer::connect(std::uint16_t port, ms timeout) {
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  return !await([&](auto done) { stream_->next_layer().async_connect(ep, done); }, timeout);
}

std::uint16_t ScriptedPeer::listen() {
  acceptor_ = std::make_unique<tcp::acceptor>(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return acceptor_->local_endpoint().port();
}

bool ScriptedPeer::accept(ms timeout) {
  return !await([&](auto done) { acceptor_->async_accept(stream_->next_layer(), done); }, timeout);
}

bool ScriptedPeer::handshake(ms timeout) {
  auto type = tls_->role() == Role::worker ? asio::ssl::stream_base::server : asio::ssl::stream_base::client;
  return !await([&](auto done) { stream_->async_handshake(type, done); }, timeout);
}

bool ScriptedPeer::send_raw(ByteView bytes, ms timeout, bool plain_tcp) {
  Bytes copy(bytes.begin(), bytes.end());
  return !await(
      [&](auto done) {
        auto cb = [done](const error_code& ec, std::size_t) { done(ec); };
        if (plain_tcp) {
          asio::async_write(stream_->next_layer(), asio::buffer(copy), cb);
        } else {
          asio::async_write(*stream_, asio::buffer(copy), cb);
        }
      },
      timeout);
}

bool ScriptedPeer::fill(ms timeout, bool plain_tcp) {
  std::array<std::uint8_t, 4096> buf{};
  std::size_t got = 0;
  error_code ec = await(
      [&](auto done) {
        auto cb = [done, &got](const error_code& e, std::size_t n) {
          got = n;
          done(e);
        };
        if (plain_tcp) {
          stream_->next_layer().async_read_some(asio::buffer(buf), cb);
        } else {
          stream_->async_read_some(asio::buffer(buf), cb);
        }
      },
      timeout);
  if (got > 0) decoder_.feed({buf.data(), got});
  if (ec && ec != asio::error::timed_out) closed_ = true;
  return !ec;
}

std::optional<Message> ScriptedPeer::read(ms timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (auto f = decoder_.next()) return decode_message(*f).message;
    auto left = std::chrono::duration_cast<ms>(deadline - std::chrono::steady_clock::now());
    if (closed_ || left <= 0ms) return std::nullopt;
    fill(left, false);
  }
}

bool ScriptedPeer::wait_closed(ms timeout, std::vector<Message>* seen, bool plain_tcp) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!closed_) {
    auto left = std::chrono::duration_cast<ms>(deadline - std::chrono::steady_clock::now());
    if (left <= 0ms) return false;
    fill(left, plain_tcp);
    while (auto f = decoder_.next()) {
      if (auto r = decode_message(*f); r.message && seen) seen->push_back(std::move(*r.message));
    }
  }
  return true;
}

}  // namespace proofgrid::transport::test
