#include "transport/worker_link.hpp"

#include <mutex>
#include <random>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <spdlog/spdlog.h>

#include "transport/backoff.hpp"
#include "transport/callback_gate.hpp"
#include "transport/connection.hpp"
#include "transport/endpoint.hpp"
#include "transport/errors.hpp"

namespace proofgrid::transport {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

const char* link_state_name(LinkState s) {
  switch (s) {
    case LinkState::idle: return "idle";
    case LinkState::connecting: return "connecting";
    case LinkState::ready: return "ready";
    case LinkState::down: return "down";
    case LinkState::stopped: return "stopped";
  }
  return "unknown";
}

struct WorkerLink::Core : std::enable_shared_from_this<Core> {
  Core(asio::io_context& io, std::shared_ptr<ControlTls> t, WorkerLinkOptions o,
       WorkerLinkCallbacks cb)
      : strand(asio::make_strand(io)),
        resolver(strand),
        connect_timer(strand),
        retry_timer(strand),
        tls(std::move(t)),
        options(std::move(o)),
        callbacks(std::move(cb)),
        log(options.logger ? options.logger : spdlog::default_logger()),
        label{options.slot, options.core, options.address_text},
        prefix(label.text()),
        backoff(options.backoff_min, options.backoff_max, options.backoff_jitter,
                std::random_device{}()) {}

  asio::strand<asio::io_context::executor_type> strand;
  tcp::resolver resolver;
  asio::steady_timer connect_timer;
  asio::steady_timer retry_timer;
  std::shared_ptr<ControlTls> tls;
  WorkerLinkOptions options;
  WorkerLinkCallbacks callbacks;
  std::shared_ptr<spdlog::logger> log;
  PeerLabel label;
  std::string prefix;
  Backoff backoff;
  CallbackGate gate;

  std::atomic<LinkState> state{LinkState::idle};
  std::atomic<std::uint64_t> attempts{0};
  std::uint64_t attempt_id = 0;  // completions of an abandoned attempt are ignored
  std::optional<tcp::socket> dialing;
  bool dial_timed_out = false;
  std::shared_ptr<Connection> connection;
  bool stopped = false;
  bool paused = false;
  bool down_reported = false;
  std::string last_failure;
  Clock::time_point down_since{};
  Clock::time_point last_still_down_log{};

  // What other threads may read while the link is ready (guarded by snapshot_mutex).
  mutable std::mutex snapshot_mutex;
  std::optional<Hello> hello;
  std::shared_ptr<const Connection> ready_connection;

  template <class F>
  void callback(F&& f) {
    gate.run(*log, prefix, std::forward<F>(f));
  }

  void fail_request(std::uint64_t job_id, FailureCode code, std::string reason) {
    callback([&] {
      if (callbacks.on_failed) callbacks.on_failed(ProveFailed{job_id, code, std::move(reason)});
    });
  }

  void attempt() {
    if (stopped) return;
    state = LinkState::connecting;
    attempts.fetch_add(1, std::memory_order_relaxed);
    std::uint64_t id = ++attempt_id;
    dial_timed_out = false;
    connect_timer.expires_after(options.connect_timeout);
    connect_timer.async_wait([self = shared_from_this(), id](const error_code& ec) {
      if (ec || id != self->attempt_id || self->connection) return;
      self->dial_timed_out = true;
      self->resolver.cancel();
      if (self->dialing) {
        error_code ignored;
        self->dialing->close(ignored);
      }
    });
    resolver.async_resolve(options.host, options.port,
                           [self = shared_from_this(), id](const error_code& ec,
                                                           tcp::resolver::results_type results) {
                             if (id == self->attempt_id) self->on_resolved(ec, std::move(results));
                           });
  }

  std::string timeout_text() const {
    return "no answer within " + std::to_string(options.connect_timeout.count()) + " ms";
  }

  void on_resolved(const error_code& ec, tcp::resolver::results_type results) {
    if (stopped) return;
    if (ec) {
      failed(dial_timed_out ? "resolving " + options.host + ": " + timeout_text()
                            : "cannot resolve " + options.host + ": " + ec.message(),
             false);
      return;
    }
    std::vector<tcp::endpoint> endpoints;
    for (const auto& r : results) {
      if (!tls->insecure() || is_loopback(r.endpoint().address())) endpoints.push_back(r.endpoint());
    }
    if (endpoints.empty()) {
      failed(options.host + " does not resolve to a loopback address, and "
                            "insecure_loopback_no_auth only connects to loopback workers",
             false);
      return;
    }
    dialing.emplace(strand);
    asio::async_connect(*dialing, endpoints,
                        [self = shared_from_this(), id = attempt_id](const error_code& e,
                                                                     const tcp::endpoint& ep) {
                          if (id == self->attempt_id) self->on_connected(e, ep);
                        });
  }

  void on_connected(const error_code& ec, const tcp::endpoint& ep) {
    if (stopped) return;
    connect_timer.cancel();
    tcp::socket socket = std::move(*dialing);
    dialing.reset();
    if (ec) {
      std::string why = dial_timed_out ? timeout_text() : ec.message();
      failed("cannot connect to " + options.host + ":" + options.port + ": " + why +
                 " (is the worker with --core " + std::to_string(options.core) + " running there?)",
             false);
      return;
    }
    Connection::Settings settings;
    settings.hello.role = Role::control;
    settings.hello.build = options.build;
    settings.hello.slot = options.slot;
    settings.hello.core = options.core;
    settings.log_prefix = prefix;
    settings.handshake_timeout = options.handshake_timeout;
    settings.heartbeat_interval = options.heartbeat_interval;
    settings.idle_timeout = options.dead_after;
    settings.faults = options.faults;
    settings.logger = log;
    std::weak_ptr<Core> weak = shared_from_this();
    std::uint64_t id = attempt_id;
    Connection::Events events;
    events.on_ready = [weak, id] {
      if (auto self = weak.lock(); self && id == self->attempt_id) self->on_ready();
    };
    events.on_message = [weak, id](Message&& m) {
      if (auto self = weak.lock(); self && id == self->attempt_id) self->on_message(std::move(m));
    };
    events.on_closed = [weak, id](const Connection::CloseInfo& info) {
      if (auto self = weak.lock(); self && id == self->attempt_id) self->on_closed(info);
    };
    log->debug("{}: connected to {}, authenticating", prefix, endpoint_text(ep));
    connection = std::make_shared<Connection>(std::move(socket), tls, std::move(settings),
                                              std::move(events));
    connection->start();
  }

  void on_ready() {
    const Hello& h = *connection->rules().peer_hello();
    if (options.require_slot_match && (h.slot != options.slot || h.core != options.core)) {
      connection->close(CloseCode::slot_mismatch,
                        "the worker at " + options.address_text + " serves slot " +
                            std::to_string(h.slot) + " (--core " + std::to_string(h.core) +
                            ") but the cluster config maps this address to slot " +
                            std::to_string(options.slot) + " (--core " +
                            std::to_string(options.core) + "); start it with --core " +
                            std::to_string(options.core) + " or fix the address list");
      return;
    }
    if (!h.self_test_ok && !options.accept_failed_self_test) {
      connection->close(CloseCode::self_test_failed,
                        "the worker's " + printable(h.backend) + " backend failed its self-test: " +
                            printable(h.self_test_detail));
      return;
    }
    state = LinkState::ready;
    backoff.reset();
    down_reported = false;
    last_failure.clear();
    {
      std::lock_guard lock(snapshot_mutex);
      hello = h;
      ready_connection = connection;
    }
    log->info("{}: ready: worker {} build {} backend {} on {} (self-test {}), worker key {}",
              prefix, connection->remote(), printable(h.build), printable(h.backend),
              printable(h.device), h.self_test_ok ? "ok" : "FAILED",
              short_fingerprint(connection->auth().peer_fingerprint));
    if (paused) connection->send(Pause{});
    callback([&] {
      if (callbacks.on_ready) callbacks.on_ready(h);
    });
  }

  void on_message(Message&& m) {
    if (const auto* r = std::get_if<ProveResponse>(&m)) {
      callback([&] {
        if (callbacks.on_response) callbacks.on_response(*r);
      });
    } else if (const auto* f = std::get_if<ProveFailed>(&m)) {
      ProveFailed clean{f->job_id, f->code, printable(f->reason, kMaxText)};
      callback([&] {
        if (callbacks.on_failed) callbacks.on_failed(clean);
      });
    } else if (const auto* s = std::get_if<Stats>(&m)) {
      callback([&] {
        if (callbacks.on_stats) callbacks.on_stats(*s);
      });
    }
  }

  void on_closed(const Connection::CloseInfo& info) {
    // Ready at the link level: a worker refused after its Hello (wrong slot) never was.
    const bool was_ready = state == LinkState::ready;
    std::vector<std::uint64_t> lost = connection->rules().outstanding_jobs();
    connection.reset();
    {
      std::lock_guard lock(snapshot_mutex);
      hello.reset();
      ready_connection.reset();
    }
    std::string reason = std::string(close_code_name(info.code)) + ": " + info.reason;
    for (std::uint64_t job : lost) {
      fail_request(job, FailureCode::connection_lost, prefix + " went down: " + reason);
    }
    if (stopped) return;
    failed(reason, was_ready);
  }

  // An attempt failed or a ready link was lost: report once, log, and retry after a backoff.
  void failed(const std::string& reason, bool was_ready) {
    if (stopped) return;
    state = LinkState::down;
    auto delay = backoff.next();
    auto now = Clock::now();
    if (was_ready || !down_reported) down_since = now;
    if (was_ready) {
      log->warn("{}: lost the worker: {}; reconnecting in {} ms", prefix, reason, delay.count());
    } else if (reason != last_failure) {
      log->warn("{}: {}; retrying in {} ms", prefix, reason, delay.count());
    } else if (now - last_still_down_log >= std::chrono::minutes(1)) {
      log->info("{}: still down after {} attempts ({} s): {}", prefix, attempts.load(),
                std::chrono::duration_cast<std::chrono::seconds>(now - down_since).count(), reason);
      last_still_down_log = now;
    } else {
      log->debug("{}: {}; retrying in {} ms", prefix, reason, delay.count());
    }
    last_failure = reason;
    if (!down_reported) {
      down_reported = true;
      last_still_down_log = now;
      callback([&] {
        if (callbacks.on_down) callbacks.on_down(reason);
      });
    }
    retry_timer.expires_after(delay);
    retry_timer.async_wait([self = shared_from_this()](const error_code& ec) {
      if (!ec) self->attempt();
    });
  }

  void do_request(ProveRequest r) {
    if (stopped) return;
    if (state != LinkState::ready || !connection) {
      fail_request(r.job_id, FailureCode::not_connected,
                   prefix + " is " + link_state_name(state.load()) + ", not ready");
      return;
    }
    if (auto refused = connection->send(r)) fail_request(r.job_id, FailureCode::bad_request, *refused);
  }

  void send_if_ready(const Message& m) {
    if (stopped || state != LinkState::ready || !connection) return;
    connection->send(m);
  }

  void shutdown() {
    if (stopped) return;
    stopped = true;
    state = LinkState::stopped;
    connect_timer.cancel();
    retry_timer.cancel();
    resolver.cancel();
    if (dialing) {
      error_code ignored;
      dialing->close(ignored);
    }
    if (connection) {
      auto keep = connection;  // on_closed() resets `connection` from inside close()
      keep->close(CloseCode::normal, "the control is shutting down");
    }
  }
};

WorkerLink::WorkerLink(asio::io_context& io, std::shared_ptr<ControlTls> tls,
                       WorkerLinkOptions options, WorkerLinkCallbacks callbacks)
    : core_(std::make_shared<Core>(io, std::move(tls), std::move(options), std::move(callbacks))) {}

WorkerLink::~WorkerLink() { stop(); }

void WorkerLink::start() {
  Core& c = *core_;
  if (c.options.host.empty() || c.options.port.empty()) {
    throw TransportError(c.prefix + ": the worker's host and port must not be empty");
  }
  if (c.tls->insecure()) {
    error_code ec;
    auto literal = asio::ip::make_address(c.options.host, ec);
    if (!ec && !is_loopback(literal)) {
      throw TransportError(c.prefix + ": insecure_loopback_no_auth only connects to loopback "
                                      "workers, and " + c.options.host +
                           " is not a loopback address. Give the control an identity key "
                           "and the workers its fingerprint instead");
    }
    c.log->warn("{}: connecting WITHOUT authentication (insecure_loopback_no_auth)", c.prefix);
  }
  LinkState expected = LinkState::idle;
  if (!c.state.compare_exchange_strong(expected, LinkState::connecting)) return;
  asio::post(c.strand, [core = core_] { core->attempt(); });
}

void WorkerLink::stop() {
  core_->gate.close();
  asio::post(core_->strand, [core = core_] { core->shutdown(); });
}

void WorkerLink::request(ProveRequest request) {
  if (request.challenge.size() > kMaxChallenge) {
    throw std::invalid_argument("challenge of " + std::to_string(request.challenge.size()) +
                                " bytes exceeds the protocol limit of " +
                                std::to_string(kMaxChallenge));
  }
  asio::post(core_->strand, [core = core_, r = std::move(request)]() mutable {
    core->do_request(std::move(r));
  });
}

void WorkerLink::cancel(std::uint64_t job_id) {
  asio::post(core_->strand, [core = core_, job_id] {
    if (core->connection && core->connection->rules().job_outstanding(job_id)) {
      core->send_if_ready(Cancel{job_id});
    }
  });
}

void WorkerLink::pause() {
  asio::post(core_->strand, [core = core_] {
    core->paused = true;
    core->send_if_ready(Pause{});
  });
}

void WorkerLink::resume() {
  asio::post(core_->strand, [core = core_] {
    core->paused = false;
    core->send_if_ready(Resume{});
  });
}

void WorkerLink::request_stats() {
  asio::post(core_->strand, [core = core_] { core->send_if_ready(StatsRequest{}); });
}

LinkState WorkerLink::state() const { return core_->state.load(); }
const PeerLabel& WorkerLink::label() const { return core_->label; }
std::uint64_t WorkerLink::connect_attempts() const { return core_->attempts.load(); }

std::optional<std::chrono::microseconds> WorkerLink::rtt() const {
  std::lock_guard lock(core_->snapshot_mutex);
  return core_->ready_connection ? core_->ready_connection->rtt() : std::nullopt;
}

std::optional<Hello> WorkerLink::worker_hello() const {
  std::lock_guard lock(core_->snapshot_mutex);
  return core_->hello;
}

}  // namespace proofgrid::transport
