// What a misbehaving or silent peer gets: malformed, oversized, foreign-version and
// out-of-order frames close that connection with a logged reason (and a Close frame saying
// why); silence is noticed within seconds. The process itself carries on.
#include <catch2/catch.hpp>

#include "tests/unit/transport/support.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;
using namespace proofgrid::transport::test;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

Hello hello_as(Role role, std::uint32_t slot = 2) {
  Hello h;
  h.role = role;
  h.slot = slot;
  h.core = slot + 1;
  h.build = "scripted";
  return h;
}

// A real WorkerServer, and a scripted control that has authenticated and said Hello.
struct WorkerAndScriptedControl {
  CapturedLog log = capture_log("worker");
  Cluster cluster;
  IoThread io;
  std::shared_ptr<EchoHandler> handler = std::make_shared<EchoHandler>();
  std::unique_ptr<WorkerServer> server;
  ScriptedPeer control{cluster.control_tls};

  explicit WorkerAndScriptedControl(milliseconds idle = seconds(10)) {
    WorkerServerOptions o = server_options(log.logger);
    o.idle_timeout = idle;
    server = std::make_unique<WorkerServer>(io.io(), cluster.worker_tls, o, handler);
    server->start();
    REQUIRE(control.connect(server->local_endpoint().port()));
    REQUIRE(control.handshake());
    REQUIRE(control.read());  // the worker's Hello
    REQUIRE(control.send(hello_as(Role::control)));
    REQUIRE(wait_until([&] { return server->control_connected(); }));
  }
  ~WorkerAndScriptedControl() { server->stop(); }

  // After whatever the scripted control did, the worker still serves a proper control.
  bool still_serving() {
    LinkEvents ev;
    WorkerLink link(io.io(), cluster.control_tls,
                    link_options(log.logger, server->local_endpoint().port()), ev.callbacks());
    link.start();
    bool ok = wait_until([&] { return link.state() == LinkState::ready; });
    link.request(ProveRequest{2, 1, 2, Bytes(32, 1), 5});
    ok = ok && wait_until([&] { return ev.size(&LinkEvents::responses) == 1; });
    link.stop();
    return ok;
  }

  // The Close the worker sent before closing.
  Close closed_with() {
    std::vector<Message> seen;
    CHECK(control.wait_closed(seconds(3), &seen));
    for (auto& m : seen) {
      if (auto* c = std::get_if<Close>(&m)) return *c;
    }
    FAIL("the worker closed without a Close frame");
    return {};
  }
};

// A real WorkerLink, and a scripted worker that authenticated it and said Hello.
struct LinkAndScriptedWorker {
  CapturedLog log = capture_log("control");
  Cluster cluster;
  IoThread io;
  ScriptedPeer worker{cluster.worker_tls};
  LinkEvents events;
  std::unique_ptr<WorkerLink> link;

  explicit LinkAndScriptedWorker(std::function<void(WorkerLinkOptions&)> tweak = nullptr) {
    std::uint16_t port = worker.listen();
    WorkerLinkOptions o = link_options(log.logger, port);
    o.backoff_min = o.backoff_max = seconds(10);  // one connection per test
    if (tweak) tweak(o);
    link = std::make_unique<WorkerLink>(io.io(), cluster.control_tls, o, events.callbacks());
    link->start();
    REQUIRE(worker.accept());
    REQUIRE(worker.handshake());
    REQUIRE(worker.read());  // the control's Hello
    REQUIRE(worker.send(hello_as(Role::worker)));
    REQUIRE(wait_until([&] { return link->state() == LinkState::ready; }));
  }
  ~LinkAndScriptedWorker() { link->stop(); }

  std::string down_reason() {
    REQUIRE(wait_until([&] { return events.size(&LinkEvents::downs) == 1; }));
    return events.at(&LinkEvents::downs, 0);
  }
};

}  // namespace

TEST_CASE("a worker closes on an answer sent by the control", "[transport][violation]") {
  WorkerAndScriptedControl t;
  t.control.send(ProveResponse{1, 2, {}, 0});
  Close c = t.closed_with();
  CHECK(c.code == CloseCode::out_of_order);
  CHECK_THAT(c.reason, Catch::Contains("ProveResponse is never sent by a control"));
  CHECK(wait_until([&] { return t.log.sink->contains("disconnected (out-of-order message)"); }));
  CHECK_FALSE(t.server->control_connected());
}

TEST_CASE("a worker closes on a malformed, oversized or foreign-version frame", "[transport][violation]") {
  SECTION("bad magic") {
    WorkerAndScriptedControl t;
    t.control.send_raw(as_bytes("GET / HTTP/1.1\r\n\r\n"));
    Close c = t.closed_with();
    CHECK(c.code == CloseCode::malformed_frame);
    CHECK_THAT(c.reason, Catch::Contains("magic"));
    CHECK(t.still_serving());
  }
  SECTION("oversized") {
    WorkerAndScriptedControl t;
    Bytes h = {'P', 'G', 'R', 'D', kProtocolMajor, 5, 0, 0, 0x10, 0, 0, 0};
    t.control.send_raw(h);
    Close c = t.closed_with();
    CHECK(c.code == CloseCode::oversized_frame);
    CHECK(wait_until([&] { return t.log.sink->contains("268435456 payload bytes"); }));
    CHECK(t.still_serving());
  }
  SECTION("another major version") {
    WorkerAndScriptedControl t;
    Bytes frame = encode_message(Heartbeat{1});
    frame[4] = kProtocolMajor + 1;
    t.control.send_raw(frame);
    Close c = t.closed_with();
    CHECK(c.code == CloseCode::version_mismatch);
    CHECK_THAT(c.reason, Catch::Contains("version 2") && Catch::Contains("speaks 1.0"));
    CHECK(wait_until([&] { return t.log.sink->contains("peer speaks protocol version 2, this build speaks 1.0"); }));
    CHECK(t.still_serving());
  }
  SECTION("a payload that does not decode") {
    WorkerAndScriptedControl t;
    t.control.send_raw(encode_frame(MessageType::cancel, Bytes{1, 2, 3}));
    Close c = t.closed_with();
    CHECK(c.code == CloseCode::malformed_message);
    CHECK_THAT(c.reason, Catch::Contains("Cancel: job_id"));
    CHECK(t.still_serving());
  }
  SECTION("truncated by the peer closing") {
    WorkerAndScriptedControl t;
    Bytes frame = encode_message(ProveRequest{1, 1, 2, Bytes(32, 1), 5});
    t.control.send_raw(ByteView(frame.data(), 20));
    boost::system::error_code ignored;
    t.control.stream().next_layer().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    CHECK(wait_until([&] { return t.log.sink->contains("truncated frame"); }));
    CHECK(t.still_serving());
  }
}

TEST_CASE("a control closes on a request sent by a worker", "[transport][violation]") {
  LinkAndScriptedWorker t;
  t.worker.send(ProveRequest{1, 1, 2, Bytes(32, 1), 5});
  CHECK_THAT(t.down_reason(), Catch::Contains("ProveRequest is never sent by a worker"));
  std::vector<Message> seen;
  CHECK(t.worker.wait_closed(seconds(3), &seen));
  REQUIRE_FALSE(seen.empty());
  CHECK(std::get<Close>(seen.back()).code == CloseCode::out_of_order);
  CHECK(t.log.sink->contains("slot 2 (--core 3) /ip4/127.0.0.1/tcp/"));
  CHECK(t.log.sink->contains("lost the worker: out-of-order message"));
}

TEST_CASE("a control closes on an answer for a job it never sent", "[transport][violation]") {
  LinkAndScriptedWorker t;
  t.worker.send(ProveResponse{99, 2, {}, 0});
  CHECK_THAT(t.down_reason(), Catch::Contains("job 99, which is not outstanding"));
}

TEST_CASE("a control closes on stats it did not ask for", "[transport][violation]") {
  LinkAndScriptedWorker t;
  t.worker.send(Stats{});
  CHECK_THAT(t.down_reason(), Catch::Contains("Stats arrived without a StatsRequest"));
}

TEST_CASE("a worker that stops reading is declared dead within the configured time",
          "[transport][heartbeat]") {
  LinkAndScriptedWorker t([](WorkerLinkOptions& o) {
    o.heartbeat_interval = milliseconds(100);
    o.dead_after = milliseconds(1000);
  });
  auto ready_at = std::chrono::steady_clock::now();
  // The scripted worker now neither reads nor writes.
  std::string why = t.down_reason();
  auto dead_after = std::chrono::steady_clock::now() - ready_at;
  CHECK_THAT(why, Catch::Contains("heartbeat timeout") && Catch::Contains("no frame from the peer"));
  CHECK(dead_after >= milliseconds(900));
  CHECK(dead_after < milliseconds(3000));
}

TEST_CASE("with the default settings a silent worker is noticed within a few seconds",
          "[transport][heartbeat]") {
  LinkAndScriptedWorker t;
  auto ready_at = std::chrono::steady_clock::now();
  std::string why = t.down_reason();
  auto dead_after = std::chrono::steady_clock::now() - ready_at;
  CHECK_THAT(why, Catch::Contains("heartbeat timeout"));
  CHECK(dead_after >= milliseconds(3900));
  CHECK(dead_after < milliseconds(6000));
}

TEST_CASE("a worker drops a control that goes silent", "[transport][heartbeat]") {
  WorkerAndScriptedControl t(milliseconds(400));
  Close c = t.closed_with();
  CHECK(c.code == CloseCode::heartbeat_timeout);
  CHECK(wait_until([&] { return t.log.sink->contains("disconnected (heartbeat timeout)"); }));
  CHECK_FALSE(t.server->control_connected());
}
