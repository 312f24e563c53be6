#include "transport/worker_server.hpp"

#include <fstream>
#include <unordered_map>

#include <unistd.h>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <spdlog/spdlog.h>

#include "transport/callback_gate.hpp"
#include "transport/connection.hpp"
#include "transport/endpoint.hpp"

namespace proofgrid::transport {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

std::uint64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

struct WorkerServer::Core : std::enable_shared_from_this<Core> {
  Core(asio::io_context& io, std::shared_ptr<WorkerTls> t, WorkerServerOptions o,
       std::shared_ptr<WorkerHandler> h)
      : strand(asio::make_strand(io)),
        acceptor(strand),
        retry_timer(strand),
        tls(std::move(t)),
        options(std::move(o)),
        handler(std::move(h)),
        log(options.logger ? options.logger : spdlog::default_logger()),
        label{options.slot, options.core, options.address_text},
        prefix(label.text()),
        started_at(std::chrono::steady_clock::now()) {}

  asio::strand<asio::io_context::executor_type> strand;
  tcp::acceptor acceptor;
  asio::steady_timer retry_timer;
  std::shared_ptr<WorkerTls> tls;
  WorkerServerOptions options;
  std::shared_ptr<WorkerHandler> handler;
  std::shared_ptr<spdlog::logger> log;
  PeerLabel label;
  std::string prefix;
  std::chrono::steady_clock::time_point started_at;
  CallbackGate gate;

  std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> pending;
  std::shared_ptr<Connection> active;
  std::uint64_t active_id = 0;
  std::uint64_t next_id = 1;
  // The active connection's jobs by id: how to cancel each (without owning it).
  std::unordered_map<std::uint64_t, std::function<void()>> jobs;
  bool stopped = false;
  tcp::endpoint bound;
  std::atomic<bool> started{false};
  std::atomic<bool> connected{false};
  std::atomic<std::uint64_t> refused{0};

  Hello hello() const {
    Hello h;
    h.role = Role::worker;
    h.build = options.build;
    h.slot = options.slot;
    h.core = options.core;
    h.backend = options.backend;
    h.device = options.device;
    h.self_test_ok = options.self_test_ok;
    h.self_test_detail = options.self_test_detail;
    return h;
  }

  template <class F>
  void call_handler(F&& f) {
    gate.run(*log, prefix, std::forward<F>(f));
  }

  void refuse(const std::string& remote, const std::string& why) {
    refused.fetch_add(1, std::memory_order_relaxed);
    log->warn("{}: refused {}: {}", prefix, remote, why);
  }

  void accept() {
    acceptor.async_accept(strand, [self = shared_from_this()](const error_code& ec, tcp::socket s) {
      self->on_accept(ec, std::move(s));
    });
  }

  void on_accept(const error_code& ec, tcp::socket socket) {
    if (stopped) return;
    if (ec) {
      // Out of file descriptors and the like: say so, then try again shortly instead of
      // spinning on the same error.
      log->error("{}: accepting a connection failed: {}; retrying in 100 ms", prefix, ec.message());
      retry_timer.expires_after(std::chrono::milliseconds(100));
      retry_timer.async_wait([self = shared_from_this()](const error_code& e) {
        if (!e && !self->stopped) self->accept();
      });
      return;
    }
    accept();
    error_code ignored;
    auto remote_ep = socket.remote_endpoint(ignored);
    std::string remote = endpoint_text(remote_ep);
    if (tls->insecure() && !is_loopback(remote_ep.address())) {
      refuse(remote, "insecure_loopback_no_auth serves loopback clients only");
      return;
    }
    if (pending.size() >= options.max_pending_handshakes) {
      refuse(remote, std::to_string(pending.size()) +
                         " connections are already in their handshake (is something probing "
                         "this port?)");
      return;
    }
    std::uint64_t id = next_id++;
    Connection::Settings settings;
    settings.hello = hello();
    settings.log_prefix = prefix;
    settings.handshake_timeout = options.handshake_timeout;
    settings.idle_timeout = options.idle_timeout;
    settings.faults = options.faults;
    settings.logger = log;
    std::weak_ptr<Core> weak = shared_from_this();
    Connection::Events events;
    events.on_ready = [weak, id] {
      if (auto self = weak.lock()) self->on_ready(id);
    };
    events.on_message = [weak, id](Message&& m) {
      if (auto self = weak.lock()) self->on_message(id, std::move(m));
    };
    events.on_closed = [weak, id, remote](const Connection::CloseInfo& info) {
      if (auto self = weak.lock()) self->on_closed(id, remote, info);
    };
    auto conn = std::make_shared<Connection>(std::move(socket), tls, std::move(settings),
                                             std::move(events));
    pending.emplace(id, conn);
    log->debug("{}: connection from {}", prefix, remote);
    conn->start();
  }

  void on_ready(std::uint64_t id) {
    auto it = pending.find(id);
    if (it == pending.end()) return;
    std::shared_ptr<Connection> conn = it->second;
    pending.erase(it);
    const Hello& peer = *conn->rules().peer_hello();
    if (active) {
      log->warn("{}: control {} replaced by a newer authenticated connection from {}", prefix,
                active->remote(), conn->remote());
      std::shared_ptr<Connection> old = std::move(active);
      drop_active();
      old->close(CloseCode::replaced,
                 "a newer authenticated control connection from " + conn->remote() +
                     " replaced this one");
    }
    active = conn;
    active_id = id;
    connected.store(true);
    if (tls->insecure()) {
      log->warn("{}: control {} connected WITHOUT authentication (insecure_loopback_no_auth)",
                prefix, conn->remote());
    } else {
      log->info("{}: control {} authenticated (key {}, build {}, protocol {}.{})", prefix,
                conn->remote(), short_fingerprint(conn->auth().peer_fingerprint),
                printable(peer.build), peer.major, peer.minor);
    }
  }

  // Forgets the active connection and cancels its jobs (their answers will be dropped).
  void drop_active() {
    for (auto& [job_id, cancel] : jobs) cancel();
    jobs.clear();
    active.reset();
    active_id = 0;
    connected.store(false);
  }

  void on_closed(std::uint64_t id, const std::string& remote, const Connection::CloseInfo& info) {
    if (pending.erase(id)) {
      if (info.code == CloseCode::auth_failed || info.code == CloseCode::handshake_timeout) {
        refuse(remote, info.reason);
      } else {
        log->warn("{}: connection from {} closed before its Hello: {}", prefix, remote, info.reason);
      }
      return;
    }
    if (id != active_id) return;  // a replaced connection: already reported
    auto level = info.code == CloseCode::normal ? spdlog::level::info : spdlog::level::warn;
    log->log(level, "{}: control {} disconnected ({}): {}", prefix, remote,
             close_code_name(info.code), info.reason);
    drop_active();
  }

  void on_message(std::uint64_t id, Message&& m) {
    if (id != active_id || !active) return;
    if (auto* req = std::get_if<ProveRequest>(&m)) {
      std::weak_ptr<Core> weak = shared_from_this();
      ProveJob job(std::move(*req), [weak, id](Message answer) {
        if (auto self = weak.lock()) {
          asio::post(self->strand, [self, id, answer = std::move(answer)]() mutable {
            self->deliver(id, std::move(answer));
          });
        }
      });
      jobs.insert_or_assign(job.request().job_id, job.canceller());
      call_handler([&] {
        try {
          handler->prove(job);
        } catch (const std::exception& e) {
          job.fail(FailureCode::backend_error, e.what());  // tell the control, then log it
          throw;
        }
      });
    } else if (const auto* c = std::get_if<Cancel>(&m)) {
      if (auto it = jobs.find(c->job_id); it != jobs.end()) it->second();
    } else if (std::holds_alternative<Pause>(m)) {
      log->info("{}: paused by the control", prefix);
      call_handler([&] { handler->pause(); });
    } else if (std::holds_alternative<Resume>(m)) {
      log->info("{}: resumed by the control", prefix);
      call_handler([&] { handler->resume(); });
    } else if (std::holds_alternative<StatsRequest>(m)) {
      send_stats();
    }
  }

  void send_stats() {
    WorkerStatus status;
    call_handler([&] { status = handler->status(); });
    Stats s;
    s.rss_bytes = resident_bytes();
    s.proofs_done = status.proofs_done;
    s.uptime_ms = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_at).count());
    s.jobs_in_flight = static_cast<std::uint32_t>(active->rules().outstanding_count());
    s.busy = status.busy;
    s.paused = status.paused;
    s.backend = options.backend;
    active->send(s);
  }

  void deliver(std::uint64_t id, Message answer) {
    std::uint64_t job_id = std::visit(
        [](const auto& a) -> std::uint64_t {
          if constexpr (requires { a.job_id; }) return a.job_id;
          return 0;
        },
        answer);
    if (id != active_id || !active) {
      log->debug("{}: answer for job {} dropped: its control connection is gone", prefix, job_id);
      return;
    }
    jobs.erase(job_id);
    if (auto refused_send = active->send(answer)) {
      log->debug("{}: answer for job {} not sent: {}", prefix, job_id, *refused_send);
    }
  }

  void shutdown() {
    if (stopped) return;
    stopped = true;
    error_code ignored;
    acceptor.close(ignored);
    retry_timer.cancel();
    auto closing = std::move(pending);
    pending.clear();
    for (auto& [id, conn] : closing) conn->close(CloseCode::normal, "the worker is shutting down");
    if (active) {
      std::shared_ptr<Connection> last = active;
      drop_active();
      last->close(CloseCode::normal, "the worker is shutting down");
    }
  }
};

WorkerServer::WorkerServer(asio::io_context& io, std::shared_ptr<WorkerTls> tls,
                           WorkerServerOptions options, std::shared_ptr<WorkerHandler> handler)
    : core_(std::make_shared<Core>(io, std::move(tls), std::move(options), std::move(handler))) {}

WorkerServer::~WorkerServer() { stop(); }

void WorkerServer::start() {
  Core& c = *core_;
  if (c.started.exchange(true)) return;
  open_listener(c.acceptor, c.options.host, c.options.port, c.label, c.tls->insecure());
  c.bound = c.acceptor.local_endpoint();
  if (c.tls->insecure()) {
    c.log->warn("{}: listening on {} WITHOUT authentication (insecure_loopback_no_auth): any "
                "local process can use this worker",
                c.prefix, endpoint_text(c.bound));
  } else {
    c.log->info("{}: listening on {} for the control with key {} (this worker's key {})", c.prefix,
                endpoint_text(c.bound), short_fingerprint(to_hex(*c.tls->pinned())),
                short_fingerprint(c.tls->own_fingerprint()));
  }
  asio::post(c.strand, [core = core_] { core->accept(); });
}

void WorkerServer::stop() {
  core_->gate.close();
  asio::post(core_->strand, [core = core_] { core->shutdown(); });
}

tcp::endpoint WorkerServer::local_endpoint() const { return core_->bound; }
bool WorkerServer::control_connected() const { return core_->connected.load(); }
std::uint64_t WorkerServer::refused_connections() const { return core_->refused.load(); }
const PeerLabel& WorkerServer::label() const { return core_->label; }

}  // namespace proofgrid::transport
