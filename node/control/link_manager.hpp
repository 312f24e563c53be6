#pragma once
// The control's connections: one transport::WorkerLink per slot, all on one io_context run
// by one thread. Link callbacks update the ClusterState and are handed on as LinkEvents to
// whoever drives the rounds; requests and cancels go the other way through WorkerLinks.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <spdlog/logger.h>

#include "engine/vdf/encoding.hpp"
#include "node/config/slots.hpp"
#include "node/control/cluster_state.hpp"
#include "node/control/round_tracker.hpp"
#include "transport/tls_context.hpp"
#include "transport/worker_link.hpp"

namespace proofgrid::control {

struct LinkEvent {
  enum class Kind { ready, down, proof, failed };
  Kind kind = Kind::ready;
  WorkerId worker = 0;
  std::uint64_t job_id = 0;
  vdf::Output output{};                 // proof
  std::chrono::microseconds prove_time{0};
  transport::FailureCode code = transport::FailureCode::backend_error;  // failed
  std::string reason;                   // failed, down
};

// What the round driver needs from the links (a test can stand in for them).
class WorkerLinks {
 public:
  virtual ~WorkerLinks() = default;
  virtual void request(WorkerId worker, transport::ProveRequest request) = 0;
  virtual void cancel(WorkerId worker, std::uint64_t job_id) = 0;
  // "slot 3 (--core 4) /ip4/10.0.0.2/tcp/40003", for log lines.
  virtual std::string label(WorkerId worker) const = 0;
};

// The heartbeat of each link when one io thread serves `links` of them: every second up to
// 512 links; beyond that slower, so that the thread sends about 512 a second (each costs a TLS
// record both ways), but at least every 2.5 s because a worker closes a control silent for
// 10 s. A link is declared dead after four intervals without a frame.
struct LinkHeartbeat {
  std::chrono::milliseconds interval;
  std::chrono::milliseconds dead_after;
};
LinkHeartbeat heartbeat_for_links(std::size_t links);

class LinkManager final : public WorkerLinks {
 public:
  LinkManager(const config::SlotTable& table, std::shared_ptr<transport::ControlTls> tls, ClusterState& state,
              std::function<void(LinkEvent)> on_event, std::shared_ptr<spdlog::logger> logger);
  ~LinkManager() override;

  // Starts the io thread, and every link unless `links_later` (local workers: each link
  // starts when its worker reports that it listens, through start_link()).
  void start(bool links_later = false);
  // Starts one slot's link (thread-safe; again is a no-op).
  void start_link(WorkerId worker);
  // Closes every link (Close frames sent, bounded) and ends the io thread.
  void stop();

  void request(WorkerId worker, transport::ProveRequest request) override;
  void cancel(WorkerId worker, std::uint64_t job_id) override;
  std::string label(WorkerId worker) const override;

  // Operator pause: the worker fails its queued jobs and takes none until resumed, and its
  // process stays warm (the link repeats the pause after a reconnect).
  void pause(WorkerId worker);
  void resume(WorkerId worker);
  // Asks every ready worker for its stats (RSS, backend); answers update the ClusterState.
  void request_stats();

  // A reloaded slot table, between rounds, in three steps: close_links(change.removed),
  // ClusterState::apply_table (so no closing link's callback reaches a new slot's state),
  // then open_links(table, change.added): made and, unless links start later (local
  // workers), started. Kept links are untouched.
  void close_links(const std::vector<WorkerId>& removed);
  void open_links(const config::SlotTable& table, const std::vector<WorkerId>& added);

 private:
  std::shared_ptr<transport::WorkerLink> make_link(const config::Slot& slot, std::size_t links);
  std::shared_ptr<transport::WorkerLink> at(WorkerId worker) const;
  // Listed workers are first dialled at most kStartingAtOnce at a time: 2048 TLS handshakes
  // begun together on the one io thread miss the workers' 5 s handshake deadline, and the
  // links then retry together (found by the 2048-slot load test). Both run on the io thread.
  static constexpr std::size_t kStartingAtOnce = 64;
  void admit();
  void first_attempt_over(WorkerId worker);

  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::shared_ptr<transport::ControlTls> tls_;
  ClusterState& state_;
  std::function<void(LinkEvent)> on_event_;
  std::shared_ptr<spdlog::logger> logger_;
  mutable std::mutex mutex_;  // links_: a reload replaces entries while others send
  std::vector<std::shared_ptr<transport::WorkerLink>> links_;
  std::vector<WorkerId> pending_;     // not dialled yet, last slot first (io thread only)
  std::vector<char> first_attempt_;   // 1 while a link's first attempt runs (io thread only)
  std::size_t starting_ = 0;
  std::thread thread_;
  bool links_later_ = false;
  bool stopped_ = false;
};

}  // namespace proofgrid::control
