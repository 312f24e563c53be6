#pragma once
// The data worker's WorkerHandler: requests arrive on the transport's io thread and queue;
// one compute thread proves them in order through Backend::vdf_solve_batch with the job's
// cancel token (a per-core worker computes one VDF at a time: the chain is sequential, and
// its oneTBB share is one thread). Pause refuses new work and fails what is queued; the
// running proof finishes.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/logger.h>

#include "engine/backend/backend.hpp"
#include "transport/worker_handler.hpp"

namespace proofgrid::worker {

struct ProveHandlerOptions {
  std::uint64_t memory_limit = 0;  // bytes, 0 = none: refuse jobs while resident above it
  bool hold_jobs = false;          // fault injection "hang": answer only when cancelled
  std::string log_prefix;          // "slot 3 (--core 4) /ip4/…:"
  std::shared_ptr<spdlog::logger> logger;
  // Resident memory now (injectable for tests); default: memory_limit.hpp's resident_bytes.
  std::function<std::uint64_t()> resident;
};

class ProveHandler final : public transport::WorkerHandler {
 public:
  ProveHandler(std::shared_ptr<Backend> backend, ProveHandlerOptions options);
  ~ProveHandler() override;

  void prove(transport::ProveJob job) override;
  void pause() override;
  void resume() override;
  transport::WorkerStatus status() override;

  // Fails what is queued (shutting down), cancels the running proof and joins the compute
  // thread. Later requests are refused. Safe to call twice.
  void stop();

 private:
  void run();
  void compute(const transport::ProveJob& job);
  void hold_until_cancelled(const transport::ProveJob& job);

  std::shared_ptr<Backend> backend_;
  ProveHandlerOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<transport::ProveJob> queue_;
  std::function<void()> cancel_running_;  // set while a job runs
  bool paused_ = false;
  bool stopping_ = false;
  bool busy_ = false;
  std::uint64_t done_ = 0;
  std::thread thread_;
};

}  // namespace proofgrid::worker
