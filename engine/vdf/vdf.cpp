#include "engine/vdf/vdf.hpp"

#include <chrono>
#include <list>
#include <string>
#include <unordered_map>
#include <mutex>

#include "engine/vdf/discriminant.hpp"

namespace proofgrid::vdf {
namespace {

class GroupCache {
 public:
  std::shared_ptr<const Group> get(ByteView challenge, Isa isa) {
    const std::string key(challenge.begin(), challenge.end());
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto it = index_.find(key); it != index_.end()) {
        order_.splice(order_.begin(), order_, it->second);
        return it->second->second;
      }
    }
    // Derive outside the lock: it takes milliseconds and other threads may want other groups.
    auto group = std::make_shared<const Group>(create_discriminant(challenge, isa));
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) return it->second->second;
    order_.emplace_front(key, group);
    index_[key] = order_.begin();
    if (order_.size() > kGroupCacheSize) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    return group;
  }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Group>>;
  std::mutex mutex_;
  std::list<Entry> order_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

GroupCache& cache() {
  static GroupCache instance;
  return instance;
}

Output concat(const EncodedForm& y, const EncodedForm& proof) {
  Output out;
  std::copy(y.begin(), y.end(), out.begin());
  std::copy(proof.begin(), proof.end(), out.begin() + kFormSize);
  return out;
}

// 2^T mod ℓ.
Mpz pow2_mod(std::uint32_t difficulty, const Mpz& ell) {
  Mpz r, two(2), t(static_cast<long>(difficulty));
  mpz_powm(r, two, t, ell);
  return r;
}

}  // namespace

std::shared_ptr<const Group> group_for(ByteView challenge, Isa isa) { return cache().get(challenge, isa); }

EncodedForm encode(const Group& g, const FastForm& f) { return encode_form(g.to_form(f)); }

Output finish_proof(const Group& g, std::uint32_t difficulty, const FastForm& y,
                    const Checkpoints& checkpoints) {
  const EncodedForm xb = encode(g, g.generator()), yb = encode(g, y);
  const U128 ell = hash_prime(xb, yb, difficulty);
  const FastForm proof = prove_from_checkpoints(g, difficulty, ell, checkpoints, proof_plan(difficulty));
  return concat(yb, encode(g, proof));
}

Chain run_chain(const Group& g, std::uint32_t difficulty, const SolveOptions& options) {
  const std::uint32_t kappa = proof_plan(difficulty).kappa();
  Chain chain{g.generator(), {}};
  chain.checkpoints.reserve(difficulty / kappa + 1);
  chain.checkpoints.push(chain.y);
  using Clock = std::chrono::steady_clock;
  auto last_report = Clock::now();
  std::uint32_t until_checkpoint = kappa;
  for (std::uint32_t i = 1; i <= difficulty; ++i) {
    g.square(chain.y);
    if (--until_checkpoint == 0) {
      chain.checkpoints.push(chain.y);
      until_checkpoint = kappa;
    }
    if ((i & 1023) == 0) {
      if (options.cancel != nullptr && options.cancel->cancelled()) throw Cancelled();
      if (options.progress && Clock::now() - last_report >= std::chrono::milliseconds(100)) {
        options.progress(i, difficulty);
        last_report = Clock::now();
      }
    }
  }
  return chain;
}

Output solve(ByteView challenge, std::uint32_t difficulty, const SolveOptions& options) {
  const std::shared_ptr<const Group> g = group_for(challenge, options.isa);
  const Chain chain = run_chain(*g, difficulty, options);
  const Output out = finish_proof(*g, difficulty, chain.y, chain.checkpoints);
  if (options.progress) options.progress(difficulty, difficulty);
  return out;
}

bool verify(ByteView challenge, std::uint32_t difficulty, ByteView output) noexcept {
  try {
    if (output.size() != kOutputSize) return false;
    return verify(*group_for(challenge), difficulty, output);
  } catch (...) {
    return false;
  }
}

bool verify(const Group& group, std::uint32_t difficulty, ByteView output) noexcept {
  try {
    if (output.size() != kOutputSize) return false;
    const Group* g = &group;
    const Mpz& d = g->discriminant();
    const auto y = decode_form(output.first(kFormSize), d);
    auto proof = decode_form(output.subspan(kFormSize), d);
    // y must be the canonical encoding; π only has to name a form (it is reduced here).
    if (!y || !proof || !is_reduced(*y)) return false;
    reduce(*proof);
    const EncodedForm yb = encode_form(*y);
    const Mpz ell = to_mpz(hash_prime(encode(*g, g->generator()), yb, difficulty));
    const FastForm lhs = g->pow2(g->from_form(*proof), ell, g->generator(), pow2_mod(difficulty, ell));
    return equal(lhs, g->from_form(*y));
  } catch (...) {
    return false;
  }
}

}  // namespace proofgrid::vdf
