#include "node/control/chain_glue.hpp"

#include <stdexcept>

#include "engine/chain/difficulty.hpp"
#include "engine/chain/slot_seed.hpp"
#include "engine/common/hash.hpp"
#include "engine/kzg/round_commitment.hpp"
#include "engine/kzg/srs.hpp"

namespace proofgrid::control {
namespace {

// Interim, until branch `chain` (engine/chain rounds and records, node/store) is merged:
// rounds are planned and committed in memory only; nothing is stored and no record is made.
class MemoryChain final : public ChainGlue {
 public:
  MemoryChain(Bytes peer_id, Bytes genesis, std::uint32_t fixed, std::shared_ptr<const kzg::Srs> srs)
      : peer_id_(std::move(peer_id)), previous_(std::move(genesis)), fixed_(fixed), srs_(std::move(srs)) {}

  RoundWork next_round(std::size_t p) override {
    RoundWork w;
    w.increment = next_;
    w.difficulty = fixed_ ? fixed_ : chain::difficulty_for_increment(next_);
    Bytes input = peer_id_;
    append(input, previous_);
    for (std::size_t i = 0; i < p; ++i) {
      auto seed = chain::slot_seed(static_cast<std::uint32_t>(i), input);
      w.challenges.emplace_back(seed.begin(), seed.end());
    }
    return w;
  }

  RoundOutcome finish_round(const RoundWork& work, std::vector<vdf::Output> outputs,
                            const std::vector<ProofOrigin>&) override {
    if (work.increment != next_) throw std::logic_error("finish_round: not the planned round");
    Bytes digests;
    for (const auto& out : outputs) {
      auto h = sha3_512(out);
      append(digests, h);
    }
    RoundOutcome o;
    o.commitment = kzg::commit_round(*srs_, digests);
    o.poly_size = kzg::poly_size(outputs.size());
    previous_ = o.commitment;
    ++next_;
    return o;
  }

  std::string resume_text() const override {
    return "a new chain in memory (this build has no store: records are not kept)";
  }

 private:
  Bytes peer_id_;
  Bytes previous_;
  std::uint32_t fixed_;
  std::shared_ptr<const kzg::Srs> srs_;
  std::uint64_t next_ = 0;
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
  return std::make_unique<MemoryChain>(control.peer_id, e.genesis.value,
                                       static_cast<std::uint32_t>(e.difficulty.value), std::move(srs));
}

}  // namespace proofgrid::control
