#pragma once
// The round driver's only contact with the chain and the store: what round comes next, and
// making a finished round durable. One seam, so that the chain logic (engine/chain) and the
// store (node/store) stay the single place that knows rounds, records and resuming.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "engine/common/bytes.hpp"
#include "engine/vdf/encoding.hpp"
#include "node/config/setup.hpp"
#include "node/ops/slot_status.hpp"

namespace proofgrid::control {

struct RoundWork {
  std::uint64_t increment = 0;
  std::uint32_t difficulty = 0;
  std::vector<Bytes> challenges;  // position j's VDF challenge
};

// Who proved a position's accepted proof (the store keeps it for accounting).
struct ProofOrigin {
  std::size_t worker_slot = 0;   // the slot whose worker proved it
  unsigned core = 0;             // that worker's --core
  std::string host;              // that worker's address
  double prove_seconds = 0;      // job sent -> proof accepted
  unsigned attempts = 1;         // jobs sent for this position
  bool reassigned = false;       // proved by another worker than the position's own
};

struct RoundOutcome {
  Bytes commitment;   // C_k
  std::size_t poly_size = 0;
  bool record_stored = false;      // the record of increment - 1 was made durable with it
};

class ChainGlue {
 public:
  virtual ~ChainGlue() = default;
  // The next round for P positions (the same answer until finish_round succeeds).
  virtual RoundWork next_round(std::size_t p) = 0;
  // Commits the round whose outputs (verified, in position order) are given and makes it
  // durable before returning; throws when it could not (the round is then not done).
  virtual RoundOutcome finish_round(const RoundWork& work, std::vector<vdf::Output> outputs,
                                    const std::vector<ProofOrigin>& origins) = 0;
  // One line for the log at start: a new chain, or where it resumes.
  virtual std::string resume_text() const = 0;
  // The last durable round as status shows it (zeros for a new chain); from memory, no I/O.
  virtual ops::ChainHead head() const = 0;
  // Throws std::runtime_error saying why rounds of `p` positions cannot be committed (an
  // SRS too small for their PolySize): a reload checks a new slot table with it. Thread-safe.
  // A glue without a commitment limit accepts every P.
  virtual void require_parallelism(std::size_t p) const { (void)p; }
};

// Opens the chain of the control's identity and config: the SRS, the store, the head.
// Throws std::runtime_error saying what is wrong (unreadable SRS, a store of another chain).
std::unique_ptr<ChainGlue> open_chain(const config::PreparedControl& control, std::size_t max_p,
                                      std::shared_ptr<spdlog::logger> logger);

}  // namespace proofgrid::control
