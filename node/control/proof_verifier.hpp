#pragma once
// Verification that keeps up with the workers (docs/cluster.md, "Verification"). Most of a
// fresh VDF verification (~27 ms of ~29 ms) is deriving the challenge's discriminant, and
// every challenge of a round is known when the round is planned. So begin_round() queues the
// P derivations at once and a small pool works through them while the workers prove; a
// proof that arrives is verified ahead of the remaining derivations (two queues, the
// verifications first), and typically finds its group ready (~1.7 ms left).
//
// The pool has its own threads, capped below the machine's cores so that local workers
// keep theirs; oneTBB arenas were not used because they offer no priority between the two
// kinds of task.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/common/bytes.hpp"
#include "engine/vdf/encoding.hpp"

namespace proofgrid::control {

class ProofVerifier {
 public:
  explicit ProofVerifier(std::size_t threads);
  ~ProofVerifier();
  ProofVerifier(const ProofVerifier&) = delete;
  ProofVerifier& operator=(const ProofVerifier&) = delete;

  // A new round: forgets the previous one (its queued work is dropped) and queues the
  // derivation of every challenge's group.
  void begin_round(std::uint64_t round, std::vector<Bytes> challenges, std::uint32_t difficulty);
  // Verifies `output` as the proof of `position` in `round`. `done(valid)` runs on a pool
  // thread; it is not called when the round was replaced meanwhile.
  void verify(std::uint64_t round, std::size_t position, const vdf::Output& output,
              std::function<void(bool valid)> done);

  // Ends the pool: queued work is dropped, running tasks finish, no callback runs after it
  // returns. The destructor calls it.
  void shutdown();

  // CPU time the pool spent on the current round (derivations + verifications).
  std::chrono::microseconds round_cpu() const;
  std::size_t threads() const { return threads_.size(); }

 private:
  struct Round;
  using Task = std::function<void()>;
  void run();
  static std::chrono::microseconds thread_cpu();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task> urgent_;  // verifications
  std::deque<Task> ahead_;   // derivations
  std::shared_ptr<Round> round_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace proofgrid::control
