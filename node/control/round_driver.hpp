#pragma once
// The chain, round after round: plan (the next round's slots and challenges) → dispatch
// (RoundTracker: own positions first, failures to other workers) → collect with the prove
// timeout → verify each proof as it arrives (ProofVerifier) → reassign what failed →
// commit and store (ChainGlue) → next. One log line per round; the status line in between.
// run() is the control's main loop; everything else reaches it through post().
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <spdlog/logger.h>

#include "node/control/chain_glue.hpp"
#include "node/control/cluster_state.hpp"
#include "node/control/link_manager.hpp"
#include "node/control/proof_verifier.hpp"
#include "node/control/round_tracker.hpp"

namespace proofgrid::control {

struct RoundDriverOptions {
  // engine.proveTimeout for a round of this difficulty.
  std::function<std::chrono::milliseconds(std::uint32_t difficulty)> prove_timeout;
  // Receives the live status text (the console draws it on a terminal).
  std::function<void(std::string)> on_status;
  // Runs on the driver's thread between rounds (and every second while every slot is
  // paused): pause expiry and reloaded slot tables are applied here (control_ops).
  std::function<void()> at_boundary;
  // A proof verified: the worker that sent it, and dispatch -> verified in seconds.
  std::function<void(WorkerId, double seconds)> on_proof_accepted;
  // A round is durable.
  std::function<void(const RoundSummary&)> on_round_finished;
};

class RoundDriver {
 public:
  RoundDriver(ChainGlue& chain, WorkerLinks& links, ClusterState& state, ProofVerifier& verifier,
              RoundDriverOptions options, std::shared_ptr<spdlog::logger> logger);

  // Thread-safe: what the links report.
  void post(LinkEvent event);
  // Thread-safe: ends run() at the next event; a round in progress is abandoned (it was
  // not stored, so a restart computes it again, identically).
  void stop();

  // Driver thread only (from at_boundary): forgets the jobs still outstanding on workers
  // whose links a reload closed or replaced.
  void forget_workers(const std::vector<WorkerId>& workers);

  // Runs rounds until stop(); returns the number of rounds completed.
  // Throws what ChainGlue::finish_round throws (the store failed).
  std::uint64_t run();

 private:
  struct Verified {
    std::uint64_t round = 0;
    std::size_t position = 0;
    WorkerId worker = 0;
    bool valid = false;
  };
  struct Stop {};
  using Event = std::variant<LinkEvent, Verified, Stop>;

  struct Round;  // the round in progress
  std::optional<Event> wait_event(std::chrono::steady_clock::time_point until);
  void push(Event e);
  bool run_round(std::vector<std::size_t> slots);
  void handle(Round& r, const LinkEvent& e);
  void handle(Round& r, const Verified& v);
  void dispatch(Round& r);
  void expire(Round& r);
  void finish(Round& r);
  std::vector<ProofOrigin> origins(const Round& r) const;
  void update_status(Round& r);

  ChainGlue& chain_;
  WorkerLinks& links_;
  ClusterState& state_;
  ProofVerifier& verifier_;
  RoundDriverOptions options_;
  std::shared_ptr<spdlog::logger> log_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Event> events_;
  bool stopping_ = false;

  // Jobs each worker has not answered yet, across rounds: a worker holding one (even an
  // abandoned one it was told to cancel) gets no new job.
  std::unordered_map<WorkerId, std::set<std::uint64_t>> outstanding_;
  std::uint64_t next_job_id_ = 1;
  std::uint64_t round_seq_ = 0;
  std::uint64_t completed_ = 0;
};

}  // namespace proofgrid::control
