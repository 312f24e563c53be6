// Replay: an attacker on the path records a real, authenticated control session (TLS
// handshake with the control's certificate, Hello, a ProveRequest, heartbeats, Close) and plays
// the client's bytes back to a worker. Every TLS 1.3 handshake mixes in the worker's fresh
// randomness and key share, and tickets, resumption and 0-RTT are off, so the replayed
// handshake must fail before authentication completes: the worker refuses the connection, logs
// it, and dispatches nothing.
#include <catch2/catch.hpp>

#include <boost/asio/write.hpp>

#include "tests/unit/transport/support.hpp"
#include "transport/endpoint.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;
using namespace proofgrid::transport::test;

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// An in-process TCP relay between one client and 127.0.0.1:`target` that records what the
// client sent, one entry per read, as a capture on the path would. Everything runs on `io`'s
// thread; the test thread only starts it and reads the capture.
class RecordingProxy {
 public:
  RecordingProxy(asio::io_context& io, std::uint16_t target) : state_(std::make_shared<State>(io)) {
    state_->target = target;
    state_->acceptor.async_accept(state_->client, [s = state_](const error_code& ec) {
      if (!ec) s->connect_upstream();
    });
  }
  ~RecordingProxy() {
    asio::post(state_->acceptor.get_executor(), [s = state_] { s->close(); });
  }
  std::uint16_t port() const { return state_->acceptor.local_endpoint().port(); }
  // Both directions have ended.
  bool finished() const { return state_->ended == 2; }
  std::vector<Bytes> client_chunks() const {
    std::lock_guard lock(state_->mutex);
    return state_->chunks;
  }

 private:
  struct State : std::enable_shared_from_this<State> {
    explicit State(asio::io_context& io)
        : acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), client(io),
          upstream(io) {}

    void connect_upstream() {
      upstream.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), target),
                             [s = shared_from_this()](const error_code& ec) {
                               if (ec) return s->close();
                               s->pump(s->client, s->upstream, true);
                               s->pump(s->upstream, s->client, false);
                             });
    }

    void pump(tcp::socket& from, tcp::socket& to, bool record) {
      auto buf = std::make_shared<std::array<std::uint8_t, 16384>>();
      from.async_read_some(asio::buffer(*buf), [s = shared_from_this(), &from, &to, record,
                                                buf](const error_code& ec, std::size_t n) {
        if (ec) {
          error_code ignored;
          to.shutdown(tcp::socket::shutdown_send, ignored);
          ++s->ended;
          return;
        }
        if (record) {
          std::lock_guard lock(s->mutex);
          s->chunks.emplace_back(buf->begin(), buf->begin() + static_cast<std::ptrdiff_t>(n));
        }
        asio::async_write(to, asio::buffer(*buf, n),
                          [s, &from, &to, record, buf](const error_code& wec, std::size_t) {
                            if (wec) return s->close();
                            s->pump(from, to, record);
                          });
      });
    }

    void close() {
      error_code ignored;
      acceptor.close(ignored);
      client.close(ignored);
      upstream.close(ignored);
    }

    tcp::acceptor acceptor;
    tcp::socket client, upstream;
    std::uint16_t target = 0;
    std::atomic<int> ended{0};
    mutable std::mutex mutex;
    std::vector<Bytes> chunks;  // guarded by mutex
  };
  std::shared_ptr<State> state_;
};

// Runs one real job from a control through a recording proxy to `w` and returns what the
// control sent, from the TLS ClientHello to its last byte.
std::vector<Bytes> capture_session(Rig& w) {
  RecordingProxy proxy(w.io.io(), w.port());
  w.make_link(proxy.port());
  REQUIRE(w.link_ready());
  w.link->request(ProveRequest{7, 1, 2, Bytes(32, 9), 10});
  REQUIRE(wait_until([&] { return w.events.size(&LinkEvents::responses) == 1; }));
  w.link->stop();
  REQUIRE(wait_until([&] { return proxy.finished(); }));
  std::vector<Bytes> chunks = proxy.client_chunks();
  // A real session: TLS records (a handshake first) carrying the handshake and the job.
  REQUIRE(chunks.size() >= 2);
  CHECK(chunks.front().at(0) == 0x16);
  CHECK(w.handler->prove_calls == 1);
  return chunks;
}

// Plays `chunks` to `w` over plain TCP, a flight at a time as the control sent them, and checks
// that the worker refused the connection and ran nothing.
void replay_is_refused(Rig& w, const std::vector<Bytes>& chunks) {
  const int calls_before = w.handler->prove_calls;
  const std::uint64_t refused_before = w.server->refused_connections();
  const std::size_t log_before = w.log.sink->lines().size();
  ScriptedPeer replayer(w.cluster.control_tls);  // only its TCP socket is used
  REQUIRE(replayer.connect(w.port()));
  const std::string address = endpoint_text(replayer.stream().next_layer().local_endpoint());
  for (const Bytes& chunk : chunks) {
    // The worker may already have closed: then the rest cannot be sent, which is the point.
    if (!replayer.send_raw(chunk, 1000ms, true)) break;
    std::this_thread::sleep_for(20ms);
  }
  CHECK(replayer.wait_closed(5000ms, nullptr, true));
  CHECK(wait_until([&] { return w.log.sink->contains("refused " + address + ": "); }));
  CHECK(w.server->refused_connections() == refused_before + 1);
  CHECK_FALSE(w.server->control_connected());
  // Give a dispatch that should not happen the time it would take.
  std::this_thread::sleep_for(200ms);
  CHECK(w.handler->prove_calls == calls_before);
  const auto lines = w.log.sink->lines();
  for (std::size_t i = log_before; i < lines.size(); ++i) {
    INFO(lines[i].text);
    CHECK(lines[i].text.find("authenticated (key") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("a captured control session replayed to a fresh worker is refused and runs nothing",
          "[transport][auth][replay]") {
  Rig original({.start_link = false});
  const std::vector<Bytes> capture = capture_session(original);
  // A restarted worker of the same cluster: same trusted control key, new TLS certificate.
  Rig fresh({.worker_tls = WorkerTls::authenticated(original.cluster.identity.fingerprint_hex()),
             .start_link = false});
  replay_is_refused(fresh, capture);
}

TEST_CASE("a captured control session replayed to the worker that served it is refused",
          "[transport][auth][replay]") {
  Rig w({.start_link = false});
  const std::vector<Bytes> capture = capture_session(w);
  REQUIRE(wait_until([&] { return !w.server->control_connected(); }));
  replay_is_refused(w, capture);
}
