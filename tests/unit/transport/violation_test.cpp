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
  Rig w;
  ScriptedPeer control{w.cluster.control_tls};

  explicit WorkerAndScriptedControl(milliseconds idle = seconds(10))
      : w({.server = [idle](WorkerServerOptions& o) { o.idle_timeout = idle; }, .start_link = false}) {
    REQUIRE(control.connect(w.port()));
    REQUIRE(control.handshake());
    REQUIRE(control.read());  // the worker's Hello
    REQUIRE(control.send(hello_as(Role::control)));
    REQUIRE(wait_until([&] { return w.server->control_connected(); }));
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

  // After whatever the scripted control did, the worker still serves a proper control.
  bool still_serving() {
    w.make_link();
    if (!w.link_ready()) return false;
    w.link->request(ProveRequest{2, 1, 2, Bytes(32, 1), 5});
    return wait_until([&] { return w.events.size(&LinkEvents::responses) == 1; });
  }
};

// A real WorkerLink, and a scripted worker that authenticated it and said Hello.
struct LinkAndScriptedWorker {
  Rig c;
  ScriptedPeer worker{c.cluster.worker_tls};

  explicit LinkAndScriptedWorker(std::function<void(WorkerLinkOptions&)> tweak = nullptr)
      : c({.link =
               [tweak](WorkerLinkOptions& o) {
                 o.backoff_min = o.backoff_max = seconds(10);  // one connection per test
                 if (tweak) tweak(o);
               },
           .start_server = false,
           .start_link = false}) {
    c.make_link(worker.listen());
    REQUIRE(worker.accept());
    REQUIRE(worker.handshake());
    REQUIRE(worker.read());  // the control's Hello
    REQUIRE(worker.send(hello_as(Role::worker)));
    REQUIRE(c.link_ready());
  }

  std::string down_reason() {
    REQUIRE(wait_until([&] { return c.events.size(&LinkEvents::downs) == 1; }));
    return c.events.at(&LinkEvents::downs, 0);
  }
};

}  // namespace

TEST_CASE("a worker closes on an answer sent by the control", "[transport][violation]") {
  WorkerAndScriptedControl t;
  t.control.send(ProveResponse{1, 2, {}, 0});
  Close c = t.closed_with();
  CHECK(c.code == CloseCode::out_of_order);
  CHECK_THAT(c.reason, Catch::Contains("ProveResponse is never sent by a control"));
  CHECK(wait_until([&] { return t.w.log.sink->contains("disconnected (out-of-order message)"); }));
  CHECK_FALSE(t.w.server->control_connected());
}

TEST_CASE("a worker closes on a malformed, oversized or foreign-version frame", "[transport][violation]") {
  struct Case {
    const char* what;
    Bytes bytes;
    CloseCode code;
    std::string logged;
    bool then_stop_sending = false;  // end the stream after the bytes
  };
  ByteView http = as_bytes("GET / HTTP/1.1\r\n\r\n");
  Bytes other_version = encode_message(Heartbeat{1});
  other_version[4] = kProtocolMajor + 1;
  Bytes cut = encode_message(ProveRequest{1, 1, 2, Bytes(32, 1), 5});
  cut.resize(20);
  std::vector<Case> cases = {
      {"bad magic", Bytes(http.begin(), http.end()), CloseCode::malformed_frame,
       "does not start with the proofgrid magic"},
      {"oversized", {'P', 'G', 'R', 'D', kProtocolMajor, 5, 0, 0, 0x10, 0, 0, 0},
       CloseCode::oversized_frame, "announces 268435456 payload bytes"},
      {"another major version", other_version, CloseCode::version_mismatch,
       "peer speaks protocol version 2, this build speaks 1.0"},
      {"a payload that does not decode", encode_frame(MessageType::cancel, Bytes{1, 2, 3}),
       CloseCode::malformed_message, "Cancel: job_id"},
      {"a stream that ends inside a frame", cut, CloseCode::malformed_frame, "truncated frame", true},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    WorkerAndScriptedControl t;
    t.control.send_raw(c.bytes);
    if (c.then_stop_sending) {
      boost::system::error_code ignored;
      t.control.stream().next_layer().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
      CHECK(wait_until([&] { return t.w.log.sink->contains(c.logged); }));
    } else {
      Close close = t.closed_with();
      CHECK(close.code == c.code);
      CHECK_THAT(close.reason, Catch::Contains(c.logged));
      CHECK(wait_until([&] { return t.w.log.sink->contains(c.logged); }));
    }
    // Only that connection closed: the worker still serves its control.
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
  CHECK(t.c.log.sink->contains("slot 2 (--core 3) /ip4/127.0.0.1/tcp/"));
  CHECK(t.c.log.sink->contains("lost the worker: out-of-order message"));
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
  CHECK(wait_until([&] { return t.w.log.sink->contains("disconnected (heartbeat timeout)"); }));
  CHECK_FALSE(t.w.server->control_connected());
}
