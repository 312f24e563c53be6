#include <catch2/catch.hpp>

#include "transport/session_rules.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;

namespace {

Hello hello_from(Role role) {
  Hello h;
  h.role = role;
  return h;
}

ProveRequest request(std::uint64_t job, std::uint32_t slot = 5) {
  return ProveRequest{job, 1, slot, Bytes(32, 1), 100};
}

}  // namespace

TEST_CASE("before the peer's Hello only Hello and Close are accepted", "[session]") {
  SessionRules worker(Role::worker);
  auto v = worker.on_receive(request(1));
  REQUIRE(v);
  CHECK(v->code == CloseCode::out_of_order);
  CHECK_THAT(v->reason, Catch::Contains("ProveRequest before Hello"));
  CHECK_FALSE(worker.job_outstanding(1));
  CHECK_FALSE(worker.on_receive(Close{}));
  CHECK_FALSE(worker.on_receive(hello_from(Role::control)));
  CHECK(worker.peer_ready());
  CHECK_FALSE(worker.on_receive(request(1)));
  CHECK(worker.job_outstanding(1));
}

TEST_CASE("a second Hello, a Hello from the same role or another major version is refused",
          "[session]") {
  SessionRules control(Role::control);
  CHECK(control.on_receive(hello_from(Role::control))->reason == "peer says it is a control too");
  Hello v2 = hello_from(Role::worker);
  v2.major = 2;
  v2.minor = 3;
  auto v = control.on_receive(v2);
  REQUIRE(v);
  CHECK(v->code == CloseCode::version_mismatch);
  CHECK_THAT(v->reason, Catch::Contains("2.3") && Catch::Contains("1.0"));
  Hello newer_minor = hello_from(Role::worker);
  newer_minor.minor = 9;
  CHECK_FALSE(control.on_receive(newer_minor));
  CHECK(control.negotiated_minor() == kProtocolMinor);
  CHECK(control.on_receive(hello_from(Role::worker))->reason.find("sent twice") != std::string::npos);
}

TEST_CASE("each role accepts only what the other role sends", "[session]") {
  SessionRules worker(Role::worker);
  REQUIRE_FALSE(worker.on_receive(hello_from(Role::control)));
  for (Message m : {Message{ProveResponse{}}, Message{ProveFailed{1, FailureCode::busy, ""}},
                    Message{HeartbeatAck{1}}, Message{Stats{}}}) {
    auto v = worker.on_receive(m);
    REQUIRE(v);
    CHECK_THAT(v->reason, Catch::Contains("never sent by a control"));
  }
  for (Message m : {Message{Cancel{99}}, Message{Heartbeat{1}}, Message{Pause{}}, Message{Resume{}},
                    Message{StatsRequest{}}}) {
    CHECK_FALSE(worker.on_receive(m));
  }

  SessionRules control(Role::control);
  REQUIRE_FALSE(control.on_receive(hello_from(Role::worker)));
  for (Message m : {Message{request(1)}, Message{Cancel{1}}, Message{Heartbeat{1}},
                    Message{Pause{}}, Message{Resume{}}, Message{StatsRequest{}}}) {
    auto v = control.on_receive(m);
    REQUIRE(v);
    CHECK_THAT(v->reason, Catch::Contains("never sent by a worker"));
  }
}

TEST_CASE("the control accepts exactly one answer per outstanding job, for its slot", "[session]") {
  SessionRules control(Role::control);
  CHECK(control.on_send(request(1)));  // not before the worker's Hello
  REQUIRE_FALSE(control.on_receive(hello_from(Role::worker)));
  CHECK_FALSE(control.on_send(request(1, 5)));
  CHECK_FALSE(control.on_send(request(2, 6)));
  CHECK_THAT(*control.on_send(request(1)), Catch::Contains("already outstanding"));

  ProveResponse wrong_slot{1, 9, {}, 0};
  CHECK_THAT(control.on_receive(wrong_slot)->reason, Catch::Contains("names slot 9"));
  CHECK_FALSE(control.on_receive(ProveResponse{1, 5, {}, 0}));
  CHECK_THAT(control.on_receive(ProveResponse{1, 5, {}, 0})->reason, Catch::Contains("not outstanding"));
  CHECK_FALSE(control.on_receive(ProveFailed{2, FailureCode::cancelled, ""}));
  CHECK_THAT(control.on_receive(ProveFailed{3, FailureCode::busy, ""})->reason,
             Catch::Contains("job 3"));
  CHECK(control.outstanding_count() == 0);
}

TEST_CASE("stats and heartbeat acks must answer something that was sent", "[session]") {
  SessionRules control(Role::control);
  REQUIRE_FALSE(control.on_receive(hello_from(Role::worker)));
  CHECK(control.on_receive(Stats{}));
  CHECK_FALSE(control.on_send(StatsRequest{}));
  CHECK_FALSE(control.on_receive(Stats{}));
  CHECK(control.on_receive(Stats{}));
  CHECK(control.on_receive(HeartbeatAck{1}));
  CHECK_FALSE(control.on_send(Heartbeat{1}));
  CHECK_FALSE(control.on_send(Heartbeat{2}));
  CHECK_FALSE(control.on_receive(HeartbeatAck{1}));  // a late ack is fine
  CHECK(control.on_receive(HeartbeatAck{3}));
}

TEST_CASE("a worker answers only outstanding jobs and bounds how many it holds", "[session]") {
  SessionRules worker(Role::worker);
  REQUIRE_FALSE(worker.on_receive(hello_from(Role::control)));
  CHECK(worker.on_send(request(1)));  // a worker never sends requests
  CHECK(worker.on_send(ProveResponse{1, 5, {}, 0}));
  for (std::uint64_t j = 0; j < kMaxOutstandingJobs; ++j) REQUIRE_FALSE(worker.on_receive(request(j)));
  auto v = worker.on_receive(request(kMaxOutstandingJobs));
  REQUIRE(v);
  CHECK(v->code == CloseCode::overloaded);
  CHECK_THAT(worker.on_receive(request(3))->reason, Catch::Contains("reuses outstanding job id 3"));
  CHECK_FALSE(worker.on_send(ProveFailed{3, FailureCode::cancelled, ""}));
  CHECK(worker.on_send(ProveFailed{3, FailureCode::cancelled, ""}));
}
