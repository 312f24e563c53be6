#include "node/worker/prove_handler.hpp"

#include <limits>
#include <new>

#include <spdlog/spdlog.h>

#include "node/worker/memory_limit.hpp"

namespace proofgrid::worker {

using transport::FailureCode;
using transport::ProveJob;

ProveHandler::ProveHandler(std::shared_ptr<Backend> backend, ProveHandlerOptions options)
    : backend_(std::move(backend)), options_(std::move(options)) {
  if (!options_.logger) options_.logger = spdlog::default_logger();
  if (!options_.resident) options_.resident = &resident_bytes;
  thread_ = std::thread([this] { run(); });
}

ProveHandler::~ProveHandler() { stop(); }

void ProveHandler::prove(ProveJob job) {
  const auto& r = job.request();
  if (r.difficulty > std::numeric_limits<std::uint32_t>::max()) {
    job.fail(FailureCode::bad_request, "difficulty " + std::to_string(r.difficulty) +
                                           " exceeds the VDF's limit of 4294967295 squarings");
    return;
  }
  if (auto why = refuse_for_memory(options_.resident(), options_.memory_limit)) {
    options_.logger->warn("{} refused job {} (slot {}): {}", options_.log_prefix, r.job_id, r.slot, *why);
    job.fail(FailureCode::backend_error, *why);
    return;
  }
  std::lock_guard lock(mutex_);
  if (stopping_) {
    job.fail(FailureCode::shutting_down, "the worker is stopping");
  } else if (paused_) {
    job.fail(FailureCode::paused, "the worker is paused");
  } else {
    queue_.push_back(std::move(job));
    wake_.notify_one();
  }
}

void ProveHandler::pause() {
  std::deque<ProveJob> refused;
  {
    std::lock_guard lock(mutex_);
    paused_ = true;
    refused.swap(queue_);
  }
  for (auto& job : refused) job.fail(FailureCode::paused, "the worker was paused before this job started");
}

void ProveHandler::resume() {
  std::lock_guard lock(mutex_);
  paused_ = false;
}

transport::WorkerStatus ProveHandler::status() {
  std::lock_guard lock(mutex_);
  return transport::WorkerStatus{done_, busy_ || !queue_.empty(), paused_};
}

void ProveHandler::stop() {
  std::deque<ProveJob> refused;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    refused.swap(queue_);
    if (cancel_running_) cancel_running_();
  }
  wake_.notify_all();
  for (auto& job : refused) job.fail(FailureCode::shutting_down, "the worker is stopping");
  if (thread_.joinable()) thread_.join();
}

void ProveHandler::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    ProveJob job = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    cancel_running_ = job.canceller();
    lock.unlock();
    compute(job);
    lock.lock();
    cancel_running_ = nullptr;
    busy_ = false;
  }
}

void ProveHandler::hold_until_cancelled(const ProveJob& job) {
  std::unique_lock lock(mutex_);
  while (!job.cancel_token().cancelled() && !stopping_)
    wake_.wait_for(lock, std::chrono::milliseconds(20));
  lock.unlock();
  job.fail(FailureCode::cancelled, "cancelled (the worker was holding it: fault injection 'hang')");
}

void ProveHandler::compute(const ProveJob& job) {
  const auto& r = job.request();
  if (job.cancel_token().cancelled()) {
    job.fail(FailureCode::cancelled, "cancelled before it started");
    return;
  }
  if (options_.hold_jobs) return hold_until_cancelled(job);
  const auto start = std::chrono::steady_clock::now();
  try {
    const VdfJob vdf_job{r.challenge, static_cast<std::uint32_t>(r.difficulty)};
    auto outputs = backend_->vdf_solve_batch(std::span<const VdfJob>(&vdf_job, 1), &job.cancel_token());
    if (outputs.size() != 1) throw std::logic_error("the backend returned no output");
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    {
      std::lock_guard lock(mutex_);  // counted before the answer leaves, so status() agrees with it
      ++done_;
    }
    job.succeed(outputs[0], took);
  } catch (const Cancelled&) {
    job.fail(FailureCode::cancelled, "cancelled by the control");
  } catch (const std::bad_alloc&) {
    std::string why = "out of memory proving slot " + std::to_string(r.slot) +
                      (options_.memory_limit ? " (engine.dataWorkerMemoryLimit reached)" : "");
    options_.logger->error("{} {}", options_.log_prefix, why);
    job.fail(FailureCode::backend_error, why);
  } catch (const std::exception& e) {
    options_.logger->error("{} the {} backend failed on job {}: {}", options_.log_prefix, backend_->name(),
                           r.job_id, e.what());
    job.fail(FailureCode::backend_error, std::string("the ") + backend_->name() + " backend failed: " + e.what());
  }
}

}  // namespace proofgrid::worker
