#include "transport/worker_handler.hpp"

namespace proofgrid::transport {

struct ProveJob::State {
  ProveRequest request;
  CancelToken token;
  std::atomic<bool> answered{false};
  Deliver deliver;

  // The first answer claims the job; a racing second one sees `answered` and does nothing.
  bool claim() { return !answered.exchange(true, std::memory_order_acq_rel); }

  ~State() {
    if (claim()) {
      deliver(ProveFailed{request.job_id, FailureCode::dropped,
                          "the worker released the job without answering it"});
    }
  }
};

ProveJob::ProveJob(ProveRequest request, Deliver deliver)
    : state_(std::make_shared<State>()) {
  state_->request = std::move(request);
  state_->deliver = std::move(deliver);
}

const ProveRequest& ProveJob::request() const { return state_->request; }
const CancelToken& ProveJob::cancel_token() const { return state_->token; }
bool ProveJob::answered() const { return state_->answered.load(std::memory_order_acquire); }
std::function<void()> ProveJob::canceller() const {
  return [weak = std::weak_ptr<State>(state_)] {
    if (auto s = weak.lock()) s->token.cancel();
  };
}

void ProveJob::succeed(const VdfOutput& output, std::chrono::microseconds prove_time) const {
  if (!state_->claim()) return;
  state_->deliver(ProveResponse{state_->request.job_id, state_->request.slot, output,
                                static_cast<std::uint64_t>(prove_time.count())});
}

void ProveJob::fail(FailureCode code, std::string reason) const {
  if (!state_->claim()) return;
  state_->deliver(ProveFailed{state_->request.job_id, code, std::move(reason)});
}

}  // namespace proofgrid::transport
