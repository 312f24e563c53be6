#pragma once
// The control↔worker transport on loopback: a real WorkerServer and WorkerLink (TLS 1.3,
// pinned Ed25519 control key, generated in memory) on 127.0.0.1 with a free port, a handler
// that answers every prove request at once, so the figures are the transport's own cost.
//
//   connect_ms      TCP + TLS handshake + Hello exchange, until the link is ready
//   rtt_us_*        one ProveRequest → ProveResponse at a time (median, p90, min)
//   heartbeat_rtt_us the link's own heartbeat round trip, when one completed
//   pipelined_*     `window` requests in flight: round trips per second and MB/s both ways
//                   (requests carry the largest challenge the protocol allows)
#include <chrono>
#include <cstddef>

#include <nlohmann/json.hpp>

namespace proofgrid::bench {

struct TransportBenchOptions {
  int round_trips = 200;                      // sequential, for the latency figures
  std::chrono::milliseconds throughput_time{1000};  // pipelined phase
  std::size_t window = 64;                    // requests in flight
};

// Throws std::runtime_error when the loopback link cannot come up (what failed and why).
nlohmann::ordered_json run_transport_bench(const TransportBenchOptions& options);

}  // namespace proofgrid::bench
