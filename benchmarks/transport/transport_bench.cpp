#include "benchmarks/transport/transport_bench.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "benchmarks/suite/statistics.hpp"
#include "transport/messages.hpp"
#include "transport/tls_context.hpp"
#include "transport/worker_handler.hpp"
#include "transport/worker_link.hpp"
#include "transport/worker_server.hpp"

namespace proofgrid::bench {
namespace {

using namespace proofgrid::transport;
using Clock = std::chrono::steady_clock;

// Answers at once with a fixed output: no proving, only the transport is measured.
class InstantHandler : public WorkerHandler {
 public:
  void prove(ProveJob job) override {
    job.succeed(VdfOutput{}, std::chrono::microseconds(0));
    ++done_;
  }
  void pause() override {}
  void resume() override {}
  WorkerStatus status() override { return {done_, false, false}; }

 private:
  std::uint64_t done_ = 0;  // only touched on the server's io thread
};

// Responses, counted and timestamped by job id, for the waiting bench thread.
struct Inbox {
  std::mutex mutex;
  std::condition_variable cv;
  std::unordered_map<std::uint64_t, Clock::time_point> answered;
  std::size_t responses = 0, failures = 0;
  std::string last_failure;
};

ProveRequest request(std::uint64_t id, std::size_t challenge_bytes) {
  ProveRequest r;
  r.job_id = id;
  r.increment = 1;
  r.slot = 0;
  r.challenge.assign(challenge_bytes, static_cast<std::uint8_t>(id));
  r.difficulty = 25000;
  return r;
}

}  // namespace

nlohmann::ordered_json run_transport_bench(const TransportBenchOptions& o) {
  auto quiet = std::make_shared<spdlog::logger>("bench-transport", std::make_shared<spdlog::sinks::null_sink_mt>());
  const ControlIdentity identity = ControlIdentity::generate();
  auto control_tls = ControlTls::authenticated(identity);
  auto worker_tls = WorkerTls::authenticated(identity.fingerprint_hex());

  boost::asio::io_context io;
  auto guard = boost::asio::make_work_guard(io);
  std::thread io_thread([&] { io.run(); });

  WorkerServerOptions so;
  so.host = "127.0.0.1";
  so.port = "0";
  so.address_text = "/ip4/127.0.0.1/tcp/0";
  so.build = "proofgrid-bench";
  so.backend = "none";
  so.device = "transport benchmark";
  so.logger = quiet;
  WorkerServer server(io, worker_tls, so, std::make_shared<InstantHandler>());

  Inbox inbox;
  WorkerLinkCallbacks cb;
  cb.on_response = [&](const ProveResponse& r) {
    std::lock_guard lock(inbox.mutex);
    inbox.answered[r.job_id] = Clock::now();
    ++inbox.responses;
    inbox.cv.notify_all();
  };
  cb.on_failed = [&](const ProveFailed& f) {
    std::lock_guard lock(inbox.mutex);
    ++inbox.failures;
    inbox.last_failure = f.reason;
    inbox.cv.notify_all();
  };
  std::unique_ptr<WorkerLink> link;
  nlohmann::ordered_json r;
  auto finish = [&] {
    if (link) link->stop();
    server.stop();
    guard.reset();
    io.stop();
    io_thread.join();
  };
  try {
    server.start();
    WorkerLinkOptions lo;
    lo.host = "127.0.0.1";
    lo.port = std::to_string(server.local_endpoint().port());
    lo.address_text = "/ip4/127.0.0.1/tcp/" + lo.port;
    lo.build = "proofgrid-bench";
    lo.heartbeat_interval = std::chrono::milliseconds(100);
    lo.logger = quiet;
    const auto t0 = Clock::now();
    link = std::make_unique<WorkerLink>(io, control_tls, lo, cb);
    link->start();
    while (link->state() != LinkState::ready) {
      if (Clock::now() - t0 > std::chrono::seconds(10))
        throw std::runtime_error("the loopback link to 127.0.0.1:" + lo.port +
                                 " did not become ready within 10 s (state " + link_state_name(link->state()) + ")");
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    r["connect_ms"] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();

    // Latency: one request at a time, the largest challenge the protocol carries.
    std::vector<double> rtts;
    std::uint64_t next_id = 1;
    auto wait_for = [&](std::unique_lock<std::mutex>& lock, auto pred) {
      if (!inbox.cv.wait_for(lock, std::chrono::seconds(5), pred))
        throw std::runtime_error("a loopback prove request got no answer within 5 s");
      if (inbox.failures) throw std::runtime_error("the loopback worker failed a request: " + inbox.last_failure);
    };
    for (int i = 0; i < o.round_trips; ++i) {
      const std::uint64_t id = next_id++;
      const auto sent = Clock::now();
      link->request(request(id, kMaxChallenge));
      std::unique_lock lock(inbox.mutex);
      wait_for(lock, [&] { return inbox.answered.count(id) || inbox.failures; });
      rtts.push_back(std::chrono::duration<double, std::micro>(inbox.answered[id] - sent).count());
    }
    r["rtt_us_median"] = percentile(rtts, 0.5);
    r["rtt_us_p90"] = percentile(rtts, 0.9);
    r["rtt_us_min"] = percentile(rtts, 0.0);
    r["round_trips"] = o.round_trips;

    // Throughput: keep `window` requests in flight for throughput_time.
    const std::size_t request_bytes = encode_message(request(0, kMaxChallenge)).size();
    const std::size_t response_bytes = encode_message(ProveResponse{}).size();
    std::size_t sent = 0, base = 0;
    {
      std::lock_guard lock(inbox.mutex);
      base = inbox.responses;
    }
    const auto start = Clock::now();
    const auto stop_at = start + o.throughput_time;
    while (Clock::now() < stop_at) {
      std::size_t done;
      {
        std::lock_guard lock(inbox.mutex);
        done = inbox.responses - base;
      }
      while (sent < done + o.window) {
        link->request(request(next_id++, kMaxChallenge));
        ++sent;
      }
      std::unique_lock lock(inbox.mutex);
      wait_for(lock, [&] { return inbox.responses - base > done || inbox.failures; });
    }
    {
      std::unique_lock lock(inbox.mutex);  // released before finish(): callbacks take it
      wait_for(lock, [&] { return inbox.responses - base >= sent || inbox.failures; });
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const double per_second = static_cast<double>(sent) / seconds;
    r["pipelined_round_trips_per_second"] = per_second;
    r["pipelined_mb_per_second_to_worker"] = per_second * static_cast<double>(request_bytes) / 1e6;
    r["pipelined_mb_per_second_to_control"] = per_second * static_cast<double>(response_bytes) / 1e6;
    r["window"] = o.window;
    r["request_frame_bytes"] = request_bytes;
    r["response_frame_bytes"] = response_bytes;
    if (const auto hb = link->rtt()) r["heartbeat_rtt_us"] = static_cast<double>(hb->count());
  } catch (...) {
    finish();
    throw;
  }
  finish();
  r["what"] = "127.0.0.1, TLS 1.3 with a pinned control key, a worker that answers at once";
  return r;
}

}  // namespace proofgrid::bench
