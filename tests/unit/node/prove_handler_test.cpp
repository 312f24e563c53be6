// The data worker's prove handler with a scripted backend: jobs run one at a time in order,
// cancel reaches the kernel, pause refuses and fails queued work, memory and size limits
// refuse requests, stop answers everything.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <set>
#include <mutex>
#include <thread>

#include "node/worker/prove_handler.hpp"

using namespace proofgrid;
using namespace proofgrid::worker;
using transport::FailureCode;
using transport::Message;
using transport::ProveFailed;
using transport::ProveJob;
using transport::ProveRequest;
using transport::ProveResponse;

namespace {

using namespace std::chrono_literals;

// Output byte 0 = the challenge's first byte; blocks while `gate` is closed, polling the
// cancel token like a real kernel.
class ScriptedBackend final : public Backend {
 public:
  std::string name() const override { return "scripted"; }
  std::string device() const override { return "test"; }
  std::vector<vdf::Output> vdf_solve_batch(std::span<const VdfJob> jobs, const CancelToken* cancel) override {
    std::unique_lock lock(mutex);
    started.push_back(jobs[0].challenge.at(0));
    changed.notify_all();
    while (!open) {
      if (cancel && cancel->cancelled()) throw Cancelled();
      changed.wait_for(lock, 5ms);
    }
    if (fail) throw std::runtime_error("kernel fault");
    vdf::Output out{};
    out[0] = jobs[0].challenge.at(0);
    return {out};
  }
  const kzg::Kernels& kzg_kernels() const override { return kzg::cpu_kernels(); }

  void release() {
    std::lock_guard lock(mutex);
    open = true;
    changed.notify_all();
  }
  bool wait_started(std::size_t n) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 5s, [&] { return started.size() >= n; });
  }

  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::uint8_t> started;
  bool open = true;
  bool fail = false;
};

// Collects what the handler answers.
struct Answers {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<Message> got;

  ProveJob job(std::uint64_t id, std::uint8_t tag, std::uint64_t difficulty = 10) {
    return ProveJob(ProveRequest{id, 1, 0, Bytes(32, tag), difficulty}, [this](Message m) {
      std::lock_guard lock(mutex);
      got.push_back(std::move(m));
      changed.notify_all();
    });
  }
  bool wait(std::size_t n) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 5s, [&] { return got.size() >= n; });
  }
  template <class T>
  const T& at(std::size_t i) {
    std::lock_guard lock(mutex);
    return std::get<T>(got.at(i));
  }
};

// A handler over a scripted backend, with `blocked` jobs held in the kernel until release().
struct Rig {
  std::shared_ptr<ScriptedBackend> backend = std::make_shared<ScriptedBackend>();
  Answers answers;
  std::unique_ptr<ProveHandler> handler;
  explicit Rig(bool blocked = false, ProveHandlerOptions options = {}) {
    backend->open = !blocked;
    handler = std::make_unique<ProveHandler>(backend, std::move(options));
  }
  // Submits a job and waits until the kernel runs it.
  void run_job(std::uint64_t id, std::uint8_t tag) {
    std::size_t before = 0;
    {
      std::lock_guard lock(backend->mutex);
      before = backend->started.size();
    }
    handler->prove(answers.job(id, tag));
    REQUIRE(backend->wait_started(before + 1));
  }
};

}  // namespace


TEST_CASE("jobs are proved one at a time, in the order they came", "[worker][handler]") {
  Rig rig(true);
  rig.run_job(1, 0xa1);
  rig.handler->prove(rig.answers.job(2, 0xa2));
  CHECK(rig.handler->status().busy);
  std::this_thread::sleep_for(20ms);
  CHECK(rig.backend->started.size() == 1);  // the second waits for the first
  rig.backend->release();
  REQUIRE(rig.answers.wait(2));
  CHECK(rig.answers.at<ProveResponse>(0).job_id == 1);
  CHECK(rig.answers.at<ProveResponse>(0).output[0] == 0xa1);
  CHECK(rig.answers.at<ProveResponse>(1).job_id == 2);
  CHECK(rig.answers.at<ProveResponse>(1).output[0] == 0xa2);
  CHECK(rig.handler->status().proofs_done == 2);  // counted before the answer left
  // The compute thread marks itself idle just after sending: give it a moment.
  const auto until = std::chrono::steady_clock::now() + 2s;
  while (rig.handler->status().busy && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(1ms);
  CHECK_FALSE(rig.handler->status().busy);
}

TEST_CASE("cancelling a running job stops the kernel and answers cancelled", "[worker][handler]") {
  Rig rig(true);
  auto job = rig.answers.job(5, 1);
  auto cancel = job.canceller();
  rig.handler->prove(job);
  REQUIRE(rig.backend->wait_started(1));
  cancel();
  REQUIRE(rig.answers.wait(1));
  CHECK(rig.answers.at<ProveFailed>(0).code == FailureCode::cancelled);
  CHECK(rig.handler->status().proofs_done == 0);
}

TEST_CASE("pause fails queued jobs and refuses new ones until resume", "[worker][handler]") {
  Rig rig(true);
  rig.run_job(1, 1);
  rig.handler->prove(rig.answers.job(2, 2));  // queued behind job 1
  rig.handler->pause();
  CHECK(rig.handler->status().paused);
  rig.handler->prove(rig.answers.job(3, 3));
  REQUIRE(rig.answers.wait(2));
  CHECK(rig.answers.at<ProveFailed>(0).job_id == 2);
  CHECK(rig.answers.at<ProveFailed>(0).code == FailureCode::paused);
  CHECK(rig.answers.at<ProveFailed>(1).job_id == 3);
  CHECK(rig.answers.at<ProveFailed>(1).code == FailureCode::paused);
  rig.backend->release();  // the running job finishes
  REQUIRE(rig.answers.wait(3));
  CHECK(rig.answers.at<ProveResponse>(2).job_id == 1);
  rig.handler->resume();
  rig.handler->prove(rig.answers.job(4, 4));
  REQUIRE(rig.answers.wait(4));
  CHECK(rig.answers.at<ProveResponse>(3).job_id == 4);
}

TEST_CASE("requests past the memory limit or the VDF's range are refused", "[worker][handler]") {
  std::uint64_t rss = 100ull << 20;
  ProveHandlerOptions o;
  o.memory_limit = 256ull << 20;
  o.resident = [&] { return rss; };
  Rig rig(false, o);
  rig.handler->prove(rig.answers.job(1, 1, 1ull << 33));
  REQUIRE(rig.answers.wait(1));
  CHECK(rig.answers.at<ProveFailed>(0).code == FailureCode::bad_request);
  CHECK_THAT(rig.answers.at<ProveFailed>(0).reason, Catch::Contains("exceeds the VDF's limit"));
  rss = 300ull << 20;
  rig.handler->prove(rig.answers.job(2, 2));
  REQUIRE(rig.answers.wait(2));
  CHECK(rig.answers.at<ProveFailed>(1).code == FailureCode::backend_error);
  CHECK_THAT(rig.answers.at<ProveFailed>(1).reason, Catch::Contains("engine.dataWorkerMemoryLimit (256MiB)"));
  rss = 100ull << 20;
  rig.handler->prove(rig.answers.job(3, 3));
  REQUIRE(rig.answers.wait(3));
  CHECK(rig.answers.at<ProveResponse>(2).job_id == 3);
  CHECK(rig.backend->started.size() == 1);
}

TEST_CASE("a backend error is the job's answer, and the handler keeps serving", "[worker][handler]") {
  Rig rig;
  rig.backend->fail = true;
  rig.handler->prove(rig.answers.job(1, 1));
  REQUIRE(rig.answers.wait(1));
  CHECK(rig.answers.at<ProveFailed>(0).code == FailureCode::backend_error);
  CHECK_THAT(rig.answers.at<ProveFailed>(0).reason, Catch::Contains("the scripted backend failed: kernel fault"));
  rig.backend->fail = false;
  rig.handler->prove(rig.answers.job(2, 2));
  REQUIRE(rig.answers.wait(2));
  CHECK(rig.answers.at<ProveResponse>(1).job_id == 2);
}

TEST_CASE("stop cancels the running job and answers the queued ones", "[worker][handler]") {
  Rig rig(true);
  rig.run_job(1, 1);
  rig.handler->prove(rig.answers.job(2, 2));
  rig.handler->stop();
  REQUIRE(rig.answers.wait(2));
  std::set<std::pair<std::uint64_t, FailureCode>> seen;
  for (std::size_t i = 0; i < 2; ++i)
    seen.insert({rig.answers.at<ProveFailed>(i).job_id, rig.answers.at<ProveFailed>(i).code});
  CHECK(seen == std::set<std::pair<std::uint64_t, FailureCode>>{{1, FailureCode::cancelled}, {2, FailureCode::shutting_down}});
  rig.handler->prove(rig.answers.job(3, 3));
  REQUIRE(rig.answers.wait(3));
  CHECK(rig.answers.at<ProveFailed>(2).code == FailureCode::shutting_down);
  rig.handler->stop();  // twice is fine
}

TEST_CASE("fault injection 'hang' holds a job until it is cancelled", "[worker][handler][fault]") {
  ProveHandlerOptions o;
  o.hold_jobs = true;
  Rig rig(false, o);
  auto job = rig.answers.job(9, 9);
  auto cancel = job.canceller();
  rig.handler->prove(job);
  std::this_thread::sleep_for(50ms);
  {
    std::lock_guard lock(rig.answers.mutex);
    CHECK(rig.answers.got.empty());
  }
  cancel();
  REQUIRE(rig.answers.wait(1));
  CHECK(rig.answers.at<ProveFailed>(0).code == FailureCode::cancelled);
  CHECK(rig.backend->started.empty());
}
