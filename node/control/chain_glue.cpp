#include "node/control/chain_glue.hpp"

#include <optional>
#include <stdexcept>

#include "engine/chain/chain_state.hpp"
#include "engine/kzg/round_commitment.hpp"
#include "engine/kzg/srs.hpp"
#include "node/store/store.hpp"
#include "node/store/store_fault.hpp"

namespace proofgrid::control {
namespace {

// The chain of engine/chain driven by the round driver, made durable in node/store before a
// round counts as done: the store and ChainState stay the single place that knows rounds,
// records and resuming (a restart reads the head back and plans the same next round).
class StoredChain final : public ChainGlue {
 public:
  StoredChain(chain::ChainIdentity identity, store::Store store, std::shared_ptr<const kzg::Srs> srs)
      : store_(std::move(store)), state_(std::move(identity), store_.load_head()), srs_(std::move(srs)) {}

  RoundWork next_round(std::size_t p) override {
    if (!plan_ || plan_->increment != state_.next_increment() || plan_->parallelism() != p)
      plan_ = state_.plan(p);
    RoundWork w;
    w.increment = plan_->increment;
    w.difficulty = plan_->difficulty;
    for (const auto& seed : plan_->seeds) w.challenges.emplace_back(seed.begin(), seed.end());
    return w;
  }

  RoundOutcome finish_round(const RoundWork& work, std::vector<vdf::Output> outputs,
                            const std::vector<ProofOrigin>& origins) override {
    if (!plan_ || work.increment != plan_->increment || work.challenges.size() != plan_->parallelism())
      throw std::logic_error("finish_round: not the planned round");
    chain::RoundResult r = state_.finish(*plan_, std::move(outputs), *srs_, kzg::cpu_kernels());
    std::vector<store::SlotAttribution> who;
    who.reserve(origins.size());
    for (std::size_t j = 0; j < origins.size(); ++j) {
      const ProofOrigin& o = origins[j];
      who.push_back(store::SlotAttribution{static_cast<std::uint32_t>(j), static_cast<std::int64_t>(o.core), o.host,
                                           o.prove_seconds, o.attempts, o.reassigned});
    }
    store_.append(r, who);  // durable (fsync'd) before the round counts as done
    RoundOutcome o;
    o.commitment = r.round.commitment;
    o.poly_size = kzg::poly_size(r.round.parallelism());
    o.record_stored = r.record.has_value();
    state_.advance(std::move(r));
    plan_.reset();
    return o;
  }

  void require_parallelism(std::size_t p) const override { srs_->require_commit(kzg::poly_size(p)); }

  ops::ChainHead head() const override {
    ops::ChainHead h;
    const auto& round = state_.head();
    if (!round) return h;
    h.increment = round->increment;
    h.parallelism = round->parallelism();
    h.poly_size = kzg::poly_size(round->parallelism());
    const double took = round->timings.solve_seconds + round->timings.commit_seconds;
    h.last_round_unix_seconds = (round->timings.started_unix_ms + static_cast<std::int64_t>(took * 1000)) / 1000;
    return h;
  }

  std::string resume_text() const override {
    const auto& head = state_.head();
    if (!head) return "a new chain in " + store_.file().string();
    return "resuming after round " + std::to_string(head->increment) + " (P=" +
           std::to_string(head->parallelism()) + ") from " + store_.file().string();
  }

 private:
  store::Store store_;
  chain::ChainState state_;
  std::shared_ptr<const kzg::Srs> srs_;
  std::optional<chain::RoundPlan> plan_;  // the round handed out and not yet finished
};

}  // namespace

std::unique_ptr<ChainGlue> open_chain(const config::PreparedControl& control, std::size_t max_p,
                                      std::shared_ptr<spdlog::logger> logger) {
  const auto& e = control.config.engine;
  if (e.srs_path.value.empty())
    throw std::runtime_error("no SRS: set engine.srsPath to a ceremony file (the control commits every round with it)");
  auto srs = kzg::Srs::load(e.srs_path.value, kzg::SrsLoadOptions{true, [logger](const std::string& w) {
                                                                     logger->warn("{}", w);
                                                                   }});
  srs->require_commit(kzg::poly_size(max_p));
  chain::ChainIdentity identity;
  identity.peer_id = control.peer_id;
  identity.genesis = e.genesis.value;
  identity.fixed_difficulty = static_cast<std::uint32_t>(e.difficulty.value);
  const store::StoreFault fault = store::store_fault_from_environment();
  if (fault.mode != store::StoreFaultMode::none)
    logger->warn("fault injection {}={} is on: the store fails on purpose", store::kStoreFaultVariable,
                 store::store_fault_text(fault));
  store::Store store = store::Store::open(control.config.store.path.value, identity, store::store_fault_options(fault));
  return std::make_unique<StoredChain>(std::move(identity), std::move(store), std::move(srs));
}

}  // namespace proofgrid::control
