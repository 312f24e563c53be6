// The control's heartbeat pace for its links: fixed for ordinary clusters, slower for very
// large ones, never slower than a worker's 10 s silence limit allows.
#include <catch2/catch.hpp>

#include "node/control/link_manager.hpp"
#include "transport/worker_server.hpp"

using proofgrid::control::heartbeat_for_links;
using std::chrono::milliseconds;

TEST_CASE("up to 512 links every link beats each second and is dead after 4 s", "[control][heartbeat]") {
  for (std::size_t links : {1u, 17u, 128u, 512u}) {
    CAPTURE(links);
    CHECK(heartbeat_for_links(links).interval == milliseconds(1000));
    CHECK(heartbeat_for_links(links).dead_after == milliseconds(4000));
  }
}

TEST_CASE("beyond 512 links the pace keeps the io thread near 512 heartbeats a second", "[control][heartbeat]") {
  CHECK(heartbeat_for_links(1024).interval == milliseconds(2000));
  CHECK(heartbeat_for_links(1024).dead_after == milliseconds(8000));
  CHECK(heartbeat_for_links(768).interval == milliseconds(1500));
  // 2048 links would want 4 s; a worker would close a control that quiet.
  const auto big = heartbeat_for_links(2048);
  CHECK(big.interval == milliseconds(2500));
  CHECK(big.dead_after == milliseconds(10000));
  CHECK(heartbeat_for_links(100000).interval == milliseconds(2500));
  // Four heartbeats fit in the worker's idle limit, whatever the size.
  const proofgrid::transport::WorkerServerOptions worker;
  for (std::size_t links : {1u, 600u, 1300u, 5000u})
    CHECK(4 * heartbeat_for_links(links).interval <= worker.idle_timeout);
}
