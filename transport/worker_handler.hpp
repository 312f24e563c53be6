#pragma once
// What a data worker plugs into its WorkerServer: a handler that proves, pauses and reports,
// and the ProveJob it receives for each request.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "engine/backend/cancel.hpp"
#include "transport/messages.hpp"

namespace proofgrid::transport {

// One prove request from the authenticated control. Copies share one state: the first
// succeed()/fail() from any copy, on any thread, is the answer and later ones are ignored.
// If every copy is destroyed unanswered the control receives ProveFailed(dropped), so a job
// is never silently lost.
class ProveJob {
 public:
  const ProveRequest& request() const;
  // Set when the control cancels this job or its connection is lost or replaced: pass it to
  // the backend kernel (it polls it) and answer fail(FailureCode::cancelled, ...).
  const CancelToken& cancel_token() const;
  void succeed(const VdfOutput& output, std::chrono::microseconds prove_time) const;
  void fail(FailureCode code, std::string reason) const;
  bool answered() const;

  // The server's side: where answers go (posted to its strand) and how it cancels.
  using Deliver = std::function<void(Message)>;
  ProveJob(ProveRequest request, Deliver deliver);
  // Sets the cancel token while the job lives, without keeping it alive (so that a job the
  // handler let go of is still reported as dropped).
  std::function<void()> canceller() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

struct WorkerStatus {
  std::uint64_t proofs_done = 0;
  bool busy = false;
  bool paused = false;
};

// Called on the server's io thread, never concurrently, never after WorkerServer::stop()
// has returned. Do not block in them: hand proving to a compute thread and return.
class WorkerHandler {
 public:
  virtual ~WorkerHandler() = default;
  virtual void prove(ProveJob job) = 0;
  virtual void pause() = 0;
  virtual void resume() = 0;
  virtual WorkerStatus status() = 0;
};

}  // namespace proofgrid::transport
