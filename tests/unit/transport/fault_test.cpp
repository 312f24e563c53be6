// The fault-injection seam: dropped, delayed and corrupted frames and cut connections, as
// later fault tests will use them.
#include <catch2/catch.hpp>

#include "tests/unit/transport/support.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;
using namespace proofgrid::transport::test;
using std::chrono::milliseconds;

namespace {

// Applies one decision to every frame of one type.
class OnType : public FaultInjector {
 public:
  OnType(MessageType type, FaultDecision decision, bool corrupt_magic = false)
      : type_(type), decision_(decision), corrupt_magic_(corrupt_magic) {}
  FaultDecision on_send(Role, MessageType type, Bytes& frame) override {
    if (type != type_) return {};
    ++hits;
    if (corrupt_magic_) frame[0] ^= 0xff;
    return decision_;
  }
  std::atomic<int> hits{0};

 private:
  MessageType type_;
  FaultDecision decision_;
  bool corrupt_magic_;
};

// A worker and a link with faults injected on either side; heartbeats every 100 ms.
Rig::Setup with_faults(std::shared_ptr<FaultInjector> worker_faults,
                       std::shared_ptr<FaultInjector> control_faults,
                       milliseconds dead_after = milliseconds(4000)) {
  return {.server = [worker_faults](WorkerServerOptions& o) { o.faults = worker_faults; },
          .link = [control_faults, dead_after](WorkerLinkOptions& o) {
            o.faults = control_faults;
            o.heartbeat_interval = milliseconds(100);
            o.dead_after = dead_after;
          }};
}

ProveRequest request(std::uint64_t job) { return ProveRequest{job, 1, 2, Bytes(32, 4), 50}; }

}  // namespace

TEST_CASE("a delayed answer arrives late but intact", "[transport][fault]") {
  auto delay = std::make_shared<OnType>(MessageType::prove_response,
                                        FaultDecision{FaultDecision::Action::delay, milliseconds(300)});
  Rig p(with_faults(delay, nullptr));
  REQUIRE(wait_until([&] { return p.link->state() == LinkState::ready; }));
  auto sent = std::chrono::steady_clock::now();
  p.link->request(request(1));
  REQUIRE(wait_until([&] { return p.events.size(&LinkEvents::responses) == 1; }));
  CHECK(std::chrono::steady_clock::now() - sent >= milliseconds(300));
  CHECK(p.events.at(&LinkEvents::responses, 0).output == echo_output(request(1)));
}

TEST_CASE("dropped heartbeat acks make the control declare the worker dead", "[transport][fault]") {
  auto drop = std::make_shared<OnType>(MessageType::heartbeat_ack,
                                       FaultDecision{FaultDecision::Action::drop, {}});
  Rig p(with_faults(drop, nullptr, milliseconds(800)));
  REQUIRE(wait_until([&] { return p.events.size(&LinkEvents::downs) == 1; }));
  CHECK_THAT(p.events.at(&LinkEvents::downs, 0), Catch::Contains("heartbeat timeout"));
  CHECK(drop->hits > 0);
}

TEST_CASE("a corrupted request closes only that connection, and the link recovers",
          "[transport][fault]") {
  auto corrupt = std::make_shared<OnType>(MessageType::prove_request,
                                          FaultDecision{FaultDecision::Action::corrupt, {}}, true);
  Rig p(with_faults(nullptr, corrupt));
  REQUIRE(wait_until([&] { return p.link->state() == LinkState::ready; }));
  p.link->request(request(1));
  REQUIRE(wait_until([&] { return p.events.size(&LinkEvents::failures) == 1; }));
  CHECK(p.events.at(&LinkEvents::failures, 0).code == FailureCode::connection_lost);
  CHECK_THAT(p.events.at(&LinkEvents::downs, 0), Catch::Contains("magic"));
  CHECK(p.log.sink->contains("disconnected (malformed frame)"));
  CHECK(p.handler->prove_calls == 0);
  // The link reconnects by itself after its backoff.
  REQUIRE(wait_until([&] { return p.link->state() == LinkState::ready; }));
}

TEST_CASE("a cut connection fails the outstanding job and reconnects", "[transport][fault]") {
  auto cut = std::make_shared<OnType>(MessageType::stats_request,
                                      FaultDecision{FaultDecision::Action::disconnect, {}});
  Rig p(with_faults(nullptr, cut));
  p.handler->hold = true;
  REQUIRE(wait_until([&] { return p.link->state() == LinkState::ready; }));
  p.link->request(request(1));
  REQUIRE(wait_until([&] { return p.handler->prove_calls == 1; }));
  p.link->request_stats();
  REQUIRE(wait_until([&] { return p.events.size(&LinkEvents::failures) == 1; }));
  CHECK(p.events.at(&LinkEvents::failures, 0).code == FailureCode::connection_lost);
  REQUIRE(wait_until([&] { return p.events.size(&LinkEvents::ready) == 2; }));
}

TEST_CASE("random faults are repeatable from their seed and respect their rates", "[transport][fault]") {
  RandomFaults::Rates rates;
  rates.drop = 0.1;
  rates.delay = 0.2;
  rates.corrupt = 0.05;
  auto run = [&](std::uint64_t seed) {
    RandomFaults f(rates, seed);
    std::vector<int> actions;
    for (int i = 0; i < 4000; ++i) {
      Bytes frame = encode_message(Heartbeat{static_cast<std::uint64_t>(i)});
      Bytes before = frame;
      FaultDecision d = f.on_send(Role::control, MessageType::heartbeat, frame);
      actions.push_back(static_cast<int>(d.action));
      if (d.action == FaultDecision::Action::corrupt) {
        int flipped = 0;
        for (std::size_t k = 0; k < frame.size(); ++k) flipped += __builtin_popcount(frame[k] ^ before[k]);
        CHECK(flipped == 1);
      } else {
        CHECK(frame == before);
      }
      if (d.action == FaultDecision::Action::delay) {
        CHECK(d.delay >= rates.delay_min);
        CHECK(d.delay <= rates.delay_max);
      }
      Bytes hello = encode_message(Hello{});
      CHECK(f.on_send(Role::control, MessageType::hello, hello).action == FaultDecision::Action::pass);
    }
    auto c = f.counts();
    CHECK(c.dropped > 300);
    CHECK(c.dropped < 500);
    CHECK(c.delayed > 650);
    CHECK(c.delayed < 950);
    CHECK(c.corrupted > 130);
    CHECK(c.corrupted < 270);
    CHECK(c.disconnected == 0);
    return actions;
  };
  CHECK(run(5) == run(5));
  CHECK(run(5) != run(6));
}
