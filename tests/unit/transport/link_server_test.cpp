// A WorkerServer and WorkerLinks in one process over 127.0.0.1: handshake, prove round trips,
// cancel, stats, pause, replacement, slot checks and reconnecting with backoff.
#include <atomic>
#include <cstring>

#include <catch2/catch.hpp>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/post.hpp>

#include "engine/common/hash.hpp"
#include "tests/unit/transport/support.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;
using namespace proofgrid::transport::test;

namespace {

ProveRequest request(std::uint64_t job, std::uint32_t slot = 2) {
  Digest32 c = sha3_256(as_bytes("challenge " + std::to_string(job)));
  return ProveRequest{job, 9, slot, Bytes(c.begin(), c.end()), 1000 + job};
}

}  // namespace

TEST_CASE("an authenticated control and worker complete a prove round trip", "[transport][link]") {
  Rig rig;
  REQUIRE(rig.link_ready());
  Hello h = rig.events.at(&LinkEvents::ready, 0);
  CHECK(h.role == Role::worker);
  CHECK(h.slot == 2);
  CHECK(h.core == 3);
  CHECK(h.backend == "echo");
  CHECK(h.self_test_ok);
  CHECK(rig.link->worker_hello() == h);
  CHECK(wait_until([&] { return rig.server->control_connected(); }));
  CHECK(rig.log.sink->contains("slot 2 (--core 3) /ip4/127.0.0.1/tcp/test: control 127.0.0.1:"));
  CHECK(rig.log.sink->contains("authenticated (key " +
                               short_fingerprint(rig.cluster.identity.fingerprint_hex())));
  CHECK(rig.log.sink->contains("slot 2 (--core 3) /ip4/127.0.0.1/tcp/" +
                               std::to_string(rig.port()) + ": ready: worker 127.0.0.1:"));

  for (std::uint64_t job = 1; job <= 3; ++job) rig.link->request(request(job));
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::responses) == 3; }));
  for (std::size_t i = 0; i < 3; ++i) {
    ProveResponse r = rig.events.at(&LinkEvents::responses, i);
    CHECK(r.slot == 2);
    CHECK(r.output == echo_output(request(r.job_id)));
  }
  CHECK(rig.events.size(&LinkEvents::failures) == 0);
  CHECK(rig.handler->prove_calls == 3);
}

TEST_CASE("a link resolves DNS names", "[transport][link]") {
  Rig rig({.link = [](WorkerLinkOptions& o) { o.host = "localhost"; }});
  REQUIRE(rig.link_ready());
  rig.link->request(request(5));
  CHECK(wait_until([&] { return rig.events.size(&LinkEvents::responses) == 1; }));
}

TEST_CASE("stats, pause and resume reach the worker's handler", "[transport][link]") {
  Rig rig;
  REQUIRE(rig.link_ready());
  rig.link->request(request(1));
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::responses) == 1; }));
  rig.link->pause();
  REQUIRE(wait_until([&] { return rig.handler->paused.load(); }));
  rig.link->request_stats();
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::stats) == 1; }));
  Stats s = rig.events.at(&LinkEvents::stats, 0);
  CHECK(s.proofs_done == 1);
  CHECK(s.paused);
  CHECK(s.backend == "echo");
  CHECK(s.rss_bytes > 1024 * 1024);
  CHECK(s.jobs_in_flight == 0);
  rig.link->resume();
  CHECK(wait_until([&] { return !rig.handler->paused.load(); }));
  CHECK(rig.log.sink->contains("paused by the control"));
  CHECK(rig.log.sink->contains("resumed by the control"));
}

TEST_CASE("heartbeats measure the round trip time", "[transport][link]") {
  Rig rig({.link = [](WorkerLinkOptions& o) { o.heartbeat_interval = std::chrono::milliseconds(50); }});
  REQUIRE(rig.link_ready());
  REQUIRE(wait_until([&] { return rig.link->rtt().has_value(); }));
  CHECK(rig.link->rtt()->count() < 1000000);
}

TEST_CASE("a stall of the control's own io thread is not taken for a silent worker", "[transport][link]") {
  Rig rig({.link = [](WorkerLinkOptions& o) {
    o.heartbeat_interval = std::chrono::milliseconds(100);
    o.dead_after = std::chrono::milliseconds(600);
  }});
  REQUIRE(rig.link_ready());
  // The io thread (both ends run on it) is held three times the dead limit, as a starved
  // control's would be: the peer answered every heartbeat it could see.
  std::atomic<bool> stalled{false};
  boost::asio::post(rig.io.io(), [&stalled] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1800));
    stalled = true;
  });
  REQUIRE(wait_until([&] { return stalled.load(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // ten more heartbeats
  CHECK(rig.events.size(&LinkEvents::downs) == 0);
  CHECK(rig.link->state() == LinkState::ready);
  CHECK_FALSE(rig.log.sink->contains("no frame from the peer"));
}

TEST_CASE("cancel reaches the job's token and the job answers cancelled", "[transport][link]") {
  Rig rig;
  rig.handler->hold = true;
  REQUIRE(rig.link_ready());
  rig.link->request(request(4));
  REQUIRE(wait_until([&] { return rig.handler->prove_calls == 1; }));
  rig.link->cancel(4);
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::failures) == 1; }));
  ProveFailed f = rig.events.at(&LinkEvents::failures, 0);
  CHECK(f.job_id == 4);
  CHECK(f.code == FailureCode::cancelled);
  // The link stays up: cancel is a normal part of the protocol.
  CHECK(rig.link->state() == LinkState::ready);
}

TEST_CASE("a job the handler lets go of is answered as dropped", "[transport][link]") {
  Rig rig;
  rig.handler->drop = true;
  REQUIRE(rig.link_ready());
  rig.link->request(request(8));
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::failures) == 1; }));
  CHECK(rig.events.at(&LinkEvents::failures, 0).code == FailureCode::dropped);
}

TEST_CASE("a handler that throws answers backend error and keeps serving", "[transport][link]") {
  Rig rig;
  rig.handler->fail = true;
  REQUIRE(rig.link_ready());
  rig.link->request(request(8));
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::failures) == 1; }));
  ProveFailed f = rig.events.at(&LinkEvents::failures, 0);
  CHECK(f.code == FailureCode::backend_error);
  CHECK(f.reason == "backend exploded");
  CHECK(rig.log.sink->contains("a callback threw: backend exploded"));
  rig.handler->fail = false;
  rig.link->request(request(9));
  CHECK(wait_until([&] { return rig.events.size(&LinkEvents::responses) == 1; }));
}

TEST_CASE("every request is answered even when the link cannot carry it", "[transport][link]") {
  Rig rig({.start_link = false});
  rig.link = std::make_unique<WorkerLink>(rig.io.io(), rig.cluster.control_tls,
                                          link_options(rig.log.logger, rig.port()),
                                          rig.events.callbacks());
  rig.link->request(request(1));  // not started
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::failures) == 1; }));
  CHECK(rig.events.at(&LinkEvents::failures, 0).code == FailureCode::not_connected);
  CHECK_THROWS_AS(rig.link->request(ProveRequest{2, 0, 2, Bytes(kMaxChallenge + 1), 1}),
                  std::invalid_argument);

  rig.link->start();
  REQUIRE(rig.link_ready());
  rig.handler->hold = true;
  rig.link->request(request(3));
  rig.link->request(request(3));  // duplicate job id: refused locally, the first stays
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::failures) == 2; }));
  CHECK(rig.events.at(&LinkEvents::failures, 1).code == FailureCode::bad_request);
  REQUIRE(wait_until([&] { return rig.handler->prove_calls == 1; }));
  rig.server->stop();
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::failures) == 3; }));
  ProveFailed lost = rig.events.at(&LinkEvents::failures, 2);
  CHECK(lost.job_id == 3);
  CHECK(lost.code == FailureCode::connection_lost);
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::downs) == 1; }));
  CHECK_THAT(rig.events.at(&LinkEvents::downs, 0), Catch::Contains("the worker is shutting down"));
}

TEST_CASE("a newer authenticated control connection replaces the old one", "[transport][link]") {
  // A slow retry, so that the replaced link does not come back and replace the new one.
  Rig rig({.link = [](WorkerLinkOptions& o) { o.backoff_min = o.backoff_max = std::chrono::seconds(5); }});
  REQUIRE(rig.link_ready());
  rig.handler->hold = true;
  rig.link->request(request(1));
  REQUIRE(wait_until([&] { return rig.handler->prove_calls == 1; }));

  LinkEvents second_events;
  WorkerLink second(rig.io.io(), rig.cluster.control_tls, link_options(rig.log.logger, rig.port()),
                    second_events.callbacks());
  second.start();
  REQUIRE(wait_until([&] { return second.state() == LinkState::ready; }));
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::downs) == 1; }));
  rig.link->stop();
  CHECK_THAT(rig.events.at(&LinkEvents::downs, 0), Catch::Contains("replaced"));
  // The old connection's job was cancelled on the worker and failed on the old link.
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::failures) == 1; }));
  CHECK(rig.events.at(&LinkEvents::failures, 0).code == FailureCode::connection_lost);
  CHECK(rig.log.sink->contains("replaced by a newer authenticated connection from 127.0.0.1:"));

  rig.handler->hold = false;
  second.request(request(2));
  REQUIRE(wait_until([&] { return second_events.size(&LinkEvents::responses) == 1; }));
  CHECK(second_events.at(&LinkEvents::responses, 0).job_id == 2);
  second.stop();
}

TEST_CASE("a worker started for another slot is refused with what to fix", "[transport][link]") {
  Rig rig({.link = [](WorkerLinkOptions& o) {
    o.slot = 3;
    o.core = 4;
  }});
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::downs) == 1; }));
  CHECK(rig.link->state() != LinkState::ready);
  std::string why = rig.events.at(&LinkEvents::downs, 0);
  CHECK_THAT(why, Catch::Contains("serves slot 2 (--core 3)") &&
                      Catch::Contains("maps this address to slot 3 (--core 4)") &&
                      Catch::Contains("start it with --core 4"));
  CHECK(rig.events.size(&LinkEvents::ready) == 0);
}

TEST_CASE("a worker whose self-test failed is refused unless the control accepts it",
          "[transport][link]") {
  Rig rig({.server = [](WorkerServerOptions& o) {
    o.self_test_ok = false;
    o.self_test_detail = "AVX-512 kernel disagrees with cpu at T=64";
  }});
  REQUIRE(wait_until([&] { return rig.events.size(&LinkEvents::downs) == 1; }));
  CHECK_THAT(rig.events.at(&LinkEvents::downs, 0),
             Catch::Contains("self-test") && Catch::Contains("disagrees with cpu"));
  rig.link->stop();

  WorkerLinkOptions lo = link_options(rig.log.logger, rig.port());
  lo.accept_failed_self_test = true;
  LinkEvents ev;
  WorkerLink tolerant(rig.io.io(), rig.cluster.control_tls, lo, ev.callbacks());
  tolerant.start();
  REQUIRE(wait_until([&] { return tolerant.state() == LinkState::ready; }));
  CHECK_FALSE(ev.at(&LinkEvents::ready, 0).self_test_ok);
  tolerant.stop();
}

TEST_CASE("a link reconnects after the worker restarts, with backoff within bounds",
          "[transport][link][backoff]") {
  Rig rig;
  REQUIRE(rig.link_ready());
  std::uint16_t port = rig.port();
  auto attempts_before = rig.link->connect_attempts();
  rig.server->stop();
  REQUIRE(wait_until([&] { return rig.link->state() != LinkState::ready; }));
  auto down_at = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));

  WorkerServerOptions so = server_options(rig.log.logger);
  so.port = std::to_string(port);
  WorkerServer again(rig.io.io(), rig.cluster.worker_tls, so, rig.handler);
  again.start();
  auto restarted_at = std::chrono::steady_clock::now();
  REQUIRE(wait_until([&] { return rig.link->state() == LinkState::ready; }, std::chrono::seconds(8)));
  auto back_after = std::chrono::steady_clock::now() - restarted_at;

  // Attempts while the worker was away: 50, 100, 200, 400 ms apart (jitter only shortens,
  // never below 80%), so about 4 in 1.2 s; never more than the schedule allows.
  auto attempts = rig.link->connect_attempts() - attempts_before;
  CHECK(attempts >= 3);
  CHECK(attempts <= 7);
  // The next attempt after the restart came at the backoff's next step (within 800 ms), not
  // at its 5 s cap.
  CHECK(back_after < std::chrono::milliseconds(2000));

  // Each retry waited as long as it announced, and the announced delays follow the schedule.
  std::vector<std::pair<std::chrono::steady_clock::time_point, long>> announced;
  for (const auto& line : rig.log.sink->lines()) {
    if (line.at < down_at - std::chrono::milliseconds(100)) continue;
    for (const char* lead : {"retrying in ", "reconnecting in "}) {
      if (auto at = line.text.find(lead); at != std::string::npos) {
        announced.emplace_back(line.at, std::stol(line.text.substr(at + std::strlen(lead))));
      }
    }
  }
  REQUIRE(announced.size() >= 3);
  long base = 50;
  for (std::size_t i = 0; i < announced.size(); ++i) {
    INFO("retry " << i << " announced " << announced[i].second << " ms, base " << base);
    CHECK(announced[i].second <= base);
    CHECK(announced[i].second >= std::max(50L, base * 8 / 10));
    if (i + 1 < announced.size()) {
      auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(announced[i + 1].first -
                                                                       announced[i].first);
      CHECK(gap.count() >= announced[i].second - 5);
    }
    base = std::min(base * 2, 5000L);
  }
  again.stop();
}
