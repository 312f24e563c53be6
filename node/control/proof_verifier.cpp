#include "node/control/proof_verifier.hpp"

#include <time.h>

#include <atomic>

#include "engine/vdf/vdf.hpp"

namespace proofgrid::control {

struct ProofVerifier::Round {
  std::uint64_t id = 0;
  std::uint32_t difficulty = 0;
  std::vector<Bytes> challenges;
  // One group per position, derived once by whichever task needs it first.
  std::vector<std::mutex> locks;
  std::vector<std::shared_ptr<const vdf::Group>> groups;
  std::atomic<std::int64_t> cpu_us{0};

  Round(std::uint64_t round, std::vector<Bytes> c, std::uint32_t t)
      : id(round), difficulty(t), challenges(std::move(c)), locks(challenges.size()), groups(challenges.size()) {}

  std::shared_ptr<const vdf::Group> group(std::size_t position) {
    std::lock_guard lock(locks[position]);
    if (!groups[position]) groups[position] = vdf::group_for(challenges[position]);
    return groups[position];
  }
};

ProofVerifier::ProofVerifier(std::size_t threads) {
  for (std::size_t i = 0; i < std::max<std::size_t>(1, threads); ++i) threads_.emplace_back([this] { run(); });
}

ProofVerifier::~ProofVerifier() { shutdown(); }

void ProofVerifier::shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    round_.reset();
    urgent_.clear();
    ahead_.clear();
  }
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

std::chrono::microseconds ProofVerifier::thread_cpu() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds(ts.tv_sec) + std::chrono::microseconds(ts.tv_nsec / 1000);
}

void ProofVerifier::begin_round(std::uint64_t round, std::vector<Bytes> challenges, std::uint32_t difficulty) {
  auto r = std::make_shared<Round>(round, std::move(challenges), difficulty);
  {
    std::lock_guard lock(mutex_);
    round_ = r;
    urgent_.clear();
    ahead_.clear();
    for (std::size_t j = 0; j < r->challenges.size(); ++j) {
      ahead_.push_back([this, r, j] {
        std::unique_lock lock(mutex_);
        if (round_ != r) return;  // the round moved on: drop its leftover work
        lock.unlock();
        r->group(j);
      });
    }
  }
  wake_.notify_all();
}

void ProofVerifier::verify(std::uint64_t round, std::size_t position, const vdf::Output& output,
                           std::function<void(bool)> done) {
  {
    std::lock_guard lock(mutex_);
    auto r = round_;
    if (!r || r->id != round || position >= r->challenges.size()) return;
    urgent_.push_back([this, r, position, output, done = std::move(done)] {
      const bool valid = vdf::verify(*r->group(position), r->difficulty, output);
      std::unique_lock lock(mutex_);
      if (round_ != r) return;
      lock.unlock();
      done(valid);
    });
  }
  wake_.notify_one();
}

std::chrono::microseconds ProofVerifier::round_cpu() const {
  std::lock_guard lock(mutex_);
  const auto& r = round_;
  return std::chrono::microseconds(r ? r->cpu_us.load() : 0);
}

void ProofVerifier::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !urgent_.empty() || !ahead_.empty(); });
    if (stopping_) return;
    std::deque<Task>& queue = urgent_.empty() ? ahead_ : urgent_;
    Task task = std::move(queue.front());
    queue.pop_front();
    auto round = round_;
    lock.unlock();
    const auto before = thread_cpu();
    task();
    if (round) round->cpu_us += (thread_cpu() - before).count();
    lock.lock();
  }
}

}  // namespace proofgrid::control
