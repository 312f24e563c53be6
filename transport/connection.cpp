#include "transport/connection.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>

#include "transport/endpoint.hpp"
#include "transport/peer_label.hpp"

namespace proofgrid::transport {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// A heartbeat tick later than this counts as a stall of this end (see stalled_since_rx_).
constexpr std::chrono::milliseconds kStallSlack{250};

CloseCode close_code_for(FrameError e) {
  switch (e) {
    case FrameError::version_mismatch: return CloseCode::version_mismatch;
    case FrameError::oversized: return CloseCode::oversized_frame;
    default: return CloseCode::malformed_frame;
  }
}

std::string seconds_text(std::chrono::milliseconds d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(d.count()) / 1000.0);
  return buf;
}

}  // namespace

Connection::Connection(Socket socket, std::shared_ptr<TlsContext> tls, Settings settings,
                       Events events)
    : stream_(std::move(socket), tls->asio()),
      tls_(std::move(tls)),
      settings_(std::move(settings)),
      events_(std::move(events)),
      rules_(settings_.hello.role),
      timer_(stream_.get_executor()),
      hold_timer_(stream_.get_executor()) {
  error_code ec;
  auto ep = stream_.next_layer().remote_endpoint(ec);
  remote_ = ec ? std::string("an unknown address") : endpoint_text(ep);
  TlsContext::attach(stream_.native_handle(), &auth_);
}

Connection::~Connection() {
  // The SSL object may outlive this record by nothing, but do not leave a dangling pointer.
  TlsContext::attach(stream_.native_handle(), nullptr);
}

std::optional<std::chrono::microseconds> Connection::rtt() const {
  auto us = rtt_us_.load(std::memory_order_relaxed);
  if (us < 0) return std::nullopt;
  return std::chrono::microseconds(us);
}

void Connection::start() {
  last_rx_ = Clock::now();
  timer_.expires_after(settings_.handshake_timeout);
  timer_.async_wait([self = shared_from_this()](const error_code& ec) {
    if (ec || self->closed_ || self->ready_) return;
    self->fail(CloseCode::handshake_timeout,
               "TLS handshake and Hello not completed within " +
                   seconds_text(self->settings_.handshake_timeout));
  });
  auto type = settings_.hello.role == Role::worker ? asio::ssl::stream_base::server
                                                    : asio::ssl::stream_base::client;
  stream_.async_handshake(type, [self = shared_from_this()](const error_code& ec) {
    self->on_handshake(ec);
  });
}

void Connection::on_handshake(const error_code& ec) {
  if (closed_) return;
  if (ec) {
    fail(CloseCode::auth_failed, describe_error(ec).second);
    return;
  }
  if (auto refusal = tls_->check_peer(stream_.native_handle(), auth_)) {
    auth_.refusal = *refusal;
    fail(CloseCode::auth_failed, *refusal);
    return;
  }
  tls_done_ = true;
  send(settings_.hello);
  read_more();
}

void Connection::read_more() {
  stream_.async_read_some(asio::buffer(read_buf_),
                          [self = shared_from_this()](const error_code& ec, std::size_t n) {
                            self->on_read(ec, n);
                          });
}

void Connection::on_read(const error_code& ec, std::size_t n) {
  if (closed_) return;
  if (n > 0) {
    last_rx_ = Clock::now();
    stalled_since_rx_ = {};
    decoder_.feed({read_buf_.data(), n});
    while (auto frame = decoder_.next()) {
      handle_frame(*frame);
      if (closed_) return;
    }
  }
  if (ec) decoder_.finish();
  if (decoder_.failed()) {
    close(close_code_for(decoder_.error()),
          std::string(frame_error_name(decoder_.error())) + ": " + decoder_.error_text());
    return;
  }
  if (ec) {
    auto [code, text] = describe_error(ec);
    fail(code, std::move(text));
    return;
  }
  read_more();
}

void Connection::handle_frame(const Frame& f) {
  DecodeResult r = decode_message(f);
  if (!r.message) {
    close(CloseCode::malformed_message, r.error);
    return;
  }
  if (auto v = rules_.on_receive(*r.message)) {
    close(v->code, v->reason);
    return;
  }
  handle_message(std::move(*r.message));
}

void Connection::handle_message(Message&& m) {
  if (const auto* c = std::get_if<Close>(&m)) {
    fail(c->code, "the peer closed the connection: " + printable(c->reason));
  } else if (std::holds_alternative<Hello>(m)) {
    ready_ = true;
    timer_.cancel();
    tick();
    if (events_.on_ready) events_.on_ready();
  } else if (const auto* hb = std::get_if<Heartbeat>(&m)) {
    send(HeartbeatAck{hb->nonce});
  } else if (const auto* ack = std::get_if<HeartbeatAck>(&m)) {
    if (ack->nonce == heartbeat_nonce_) {
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - last_heartbeat_at_);
      rtt_us_.store(us.count(), std::memory_order_relaxed);
    }
  } else if (events_.on_message) {
    events_.on_message(std::move(m));
  }
}

std::optional<std::string> Connection::send(const Message& m) {
  if (closed_ || closing_ || !tls_done_) return std::string("the connection is not open");
  if (auto refused = rules_.on_send(m)) return refused;
  enqueue(encode_message(m), type_of(m));
  return std::nullopt;
}

void Connection::enqueue(Bytes frame, MessageType type) {
  if (settings_.faults) {
    FaultDecision d = settings_.faults->on_send(settings_.hello.role, type, frame);
    switch (d.action) {
      case FaultDecision::Action::drop:
        settings_.logger->debug("{}: fault injection dropped {}", settings_.log_prefix, message_name(type));
        return;
      case FaultDecision::Action::disconnect:
        fail(CloseCode::network, "fault injection cut the connection");
        return;
      case FaultDecision::Action::delay:
        hold_until_ = std::max(hold_until_, Clock::now() + d.delay);
        break;
      case FaultDecision::Action::corrupt:
      case FaultDecision::Action::pass: break;
    }
  }
  if (queued_bytes_ + frame.size() > settings_.max_queued_bytes) {
    fail(CloseCode::overloaded, "the peer is not reading: " + std::to_string(queued_bytes_) +
                                    " bytes are waiting to be sent");
    return;
  }
  queued_bytes_ += frame.size();
  queue_.push_back(std::move(frame));
  if (!writing_) write_next();
}

void Connection::write_next() {
  if (queue_.empty()) {
    writing_ = false;
    if (closing_) shutdown_socket();
    return;
  }
  writing_ = true;
  if (Clock::now() < hold_until_) {
    hold_timer_.expires_at(hold_until_);
    // Also runs when close() cuts the hold short, so that the Close frame still goes out.
    hold_timer_.async_wait([self = shared_from_this()](const error_code&) {
      if (self->stream_.next_layer().is_open()) self->write_next();
    });
    return;
  }
  asio::async_write(stream_, asio::buffer(queue_.front()),
                    [self = shared_from_this()](const error_code& ec, std::size_t) {
                      if (ec) {
                        if (!self->closed_) {
                          auto [code, text] = self->describe_error(ec);
                          self->fail(code, std::move(text));
                        }
                        return;
                      }
                      self->queued_bytes_ -= self->queue_.front().size();
                      self->queue_.pop_front();
                      self->write_next();
                    });
}

void Connection::tick() {
  using std::chrono::milliseconds;
  milliseconds period = settings_.heartbeat_interval.count() > 0 ? settings_.heartbeat_interval
                                                                 : settings_.idle_timeout / 4;
  timer_.expires_after(std::max(period, milliseconds(10)));
  timer_.async_wait([self = shared_from_this()](const error_code& ec) {
    if (ec || self->closed_) return;
    const auto now = Clock::now();
    // A tick this late means the io thread itself was held up; bytes that arrived meanwhile
    // may still wait in the socket behind this handler, so that time is not the peer's fault.
    if (const auto late = now - self->timer_.expiry(); late > kStallSlack) self->stalled_since_rx_ += late;
    auto silent = std::chrono::duration_cast<milliseconds>(now - self->last_rx_ - self->stalled_since_rx_);
    if (silent >= self->settings_.idle_timeout) {
      self->close(CloseCode::heartbeat_timeout,
                  "no frame from the peer for " + seconds_text(silent) + " (the limit is " +
                      seconds_text(self->settings_.idle_timeout) + ")");
      return;
    }
    if (self->settings_.heartbeat_interval.count() > 0) {
      self->last_heartbeat_at_ = Clock::now();
      self->send(Heartbeat{++self->heartbeat_nonce_});
      if (self->closed_) return;  // the send found the peer not reading
    }
    self->tick();
  });
}

void Connection::close(CloseCode code, std::string reason) {
  if (closed_) return;
  if (tls_done_ && stream_.next_layer().is_open()) {
    // Bypasses the rules (Close is always allowed) and the fault injector's drop/delay would
    // only hide the reason from the peer, so the frame goes straight to the queue.
    Bytes frame = encode_message(Close{code, reason});
    queued_bytes_ += frame.size();
    queue_.push_back(std::move(frame));
    closing_ = true;
    // Do not wait forever for a peer that does not read.
    hold_timer_.cancel();
    hold_until_ = {};
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      if (!ec) self->shutdown_socket();
    });
    if (!writing_) write_next();
    report({code, std::move(reason)});
    return;
  }
  fail(code, std::move(reason));
}

void Connection::fail(CloseCode code, std::string reason) {
  if (closed_) return;
  shutdown_socket();
  report({code, std::move(reason)});
}

void Connection::report(CloseInfo info) {
  closed_ = true;
  Events events = std::move(events_);
  events_ = {};
  if (events.on_closed) events.on_closed(info);
}

void Connection::shutdown_socket() {
  error_code ignored;
  timer_.cancel();
  hold_timer_.cancel();
  auto& socket = stream_.next_layer();
  if (!socket.is_open()) return;
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

std::pair<CloseCode, std::string> Connection::describe_error(const error_code& ec) const {
  const bool control = settings_.hello.role == Role::control;
  // Before the Hello a worker treats every failure as a refused client.
  const CloseCode early = control ? CloseCode::network : CloseCode::auth_failed;
  const CloseCode usual = ready_ ? CloseCode::network : early;
  if (!auth_.refusal.empty()) return {CloseCode::auth_failed, auth_.refusal};
  if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated ||
      ec == asio::error::connection_reset || ec == asio::error::broken_pipe) {
    if (ready_) return {usual, "the peer closed the connection (" + ec.message() + ")"};
    return {usual, control ? "the worker closed the connection before its Hello (" + ec.message() +
                                 "); if this repeats, its log says why"
                           : "the client closed the connection during the handshake (" +
                                 ec.message() + ")"};
  }
  if (ec.category() != asio::error::get_ssl_category()) return {usual, ec.message()};
  int reason = ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
  if (reason == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) {
    return {CloseCode::auth_failed,
            "client presented no certificate (a control without its identity key, or "
            "insecure mode on one end only)"};
  }
  if (reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_HTTP_REQUEST ||
      reason == SSL_R_PACKET_LENGTH_TOO_LONG || reason == SSL_R_RECORD_LENGTH_MISMATCH) {
    return {CloseCode::auth_failed, "not a TLS peer (" + ec.message() + ")"};
  }
  if (reason == SSL_R_UNSUPPORTED_PROTOCOL || reason == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION) {
    return {CloseCode::auth_failed, "the peer does not speak TLS 1.3 (" + ec.message() + ")"};
  }
  // Reasons 1000 + n are TLS alerts the peer sent: a worker refusing this control's key.
  if (control && reason > SSL_AD_REASON_OFFSET && reason < SSL_AD_REASON_OFFSET + 256) {
    std::string fp = tls_->own_fingerprint().empty()
                         ? std::string("set, and that this control has an identity key")
                         : tls_->own_fingerprint();
    return {CloseCode::auth_failed, "the worker refused this control (TLS alert: " +
                                        ec.message() +
                                        "); check that the worker's control key fingerprint is " + fp};
  }
  return {usual, "TLS failed: " + ec.message()};
}

}  // namespace proofgrid::transport
