#include "engine/kzg/srs.hpp"

#include <chrono>
#include <cstdlib>
#include <future>
#include <string>

#include <tbb/task_arena.h>

#include "engine/kzg/domain.hpp"

namespace proofgrid::kzg {
namespace {

constexpr int kLagrangeKind = 0;
constexpr int kMonomialKind = 1;
constexpr std::size_t kDataScalarBits = 512;  // 64-byte chunks, never reduced (spec §6)
constexpr std::size_t kFrBits = 518;

std::string generate_hint(std::size_t n) {
  return "use the production ceremony file, or for a local test cluster generate one: "
         "`proofgrid srs generate --size " +
         std::to_string(n) + " --insecure-tau-seed SEED --out FILE`";
}

}  // namespace

std::vector<std::size_t> Srs::lagrange_sizes() const {
  std::vector<std::size_t> out;
  for (const auto& [n, table] : lagrange_) out.push_back(n);
  return out;
}

std::span<const G1Affine> Srs::lagrange(std::size_t n) const {
  const auto it = lagrange_.find(n);
  if (it == lagrange_.end()) throw SrsError("SRS " + source_ + " has no G1FFT" + std::to_string(n) + " table");
  return it->second;
}

bool Srs::commit_uses_lagrange(std::size_t n) const { return has_lagrange(n); }

void Srs::require_commit(std::size_t n) const {
  require_supported_poly_size(n);
  if (has_lagrange(n)) return;
  if (!is_real_domain(n)) {
    throw SrsError("SRS " + source_ + " has no G1FFT" + std::to_string(n) + " table; commit at N = " +
                   std::to_string(n) +
                   " reproduces the reference only with the table from the production ceremony file "
                   "(it cannot be derived from the powers, spec §9)");
  }
  if (g1_powers_.size() < n) {
    throw SrsError("SRS " + source_ + " has no G1FFT" + std::to_string(n) + " table and only " +
                   std::to_string(g1_powers_.size()) + " G1 powers; commit at N = " + std::to_string(n) +
                   " needs the table or " + std::to_string(n) + " powers (G1Powers[0.." + std::to_string(n - 1) +
                   "]); " + generate_hint(n));
  }
}

void Srs::require_prove(std::size_t n) const {
  require_supported_poly_size(n);
  if (g1_powers_.size() + 1 < n) {
    throw SrsError("SRS " + source_ + " has " + std::to_string(g1_powers_.size()) + " G1 powers; prove at N = " +
                   std::to_string(n) + " needs " + std::to_string(n - 1) + " (G1Powers[0.." + std::to_string(n - 2) +
                   "]); " + generate_hint(n));
  }
}

std::shared_ptr<const FixedBaseTable> Srs::cached_table(int kind, std::size_t n,
                                                        const std::function<FixedBaseTable()>& build) const {
  // The first caller builds; later callers wait on its future. The build runs isolated, so a
  // thread waiting inside its parallel loops never picks up an outer task that would wait on
  // this same slot.
  std::promise<std::shared_ptr<const FixedBaseTable>> promise;
  TableFuture future;
  bool builder = false;
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = cache_.find({kind, n}); it != cache_.end()) {
      future = it->second;
    } else {
      future = promise.get_future().share();
      cache_.emplace(std::pair{kind, n}, future);
      builder = true;
    }
  }
  if (builder) {
    try {
      std::shared_ptr<const FixedBaseTable> table;
      tbb::this_task_arena::isolate([&] { table = std::make_shared<const FixedBaseTable>(build()); });
      promise.set_value(std::move(table));
    } catch (...) {
      promise.set_exception(std::current_exception());
      std::lock_guard lock(cache_mutex_);
      cache_.erase({kind, n});  // a later call may try again
    }
  }
  return future.get();
}

std::shared_ptr<const FixedBaseTable> Srs::lagrange_table(std::size_t n) const {
  const std::span<const G1Affine> bases = lagrange(n);
  return cached_table(kLagrangeKind, n, [bases] { return make_fixed_base_table(bases, kDataScalarBits); });
}

std::shared_ptr<const FixedBaseTable> Srs::monomial_table(std::size_t n) const {
  require_prove(n);
  const std::span<const G1Affine> bases = std::span<const G1Affine>(g1_powers_).first(std::min(n, g1_powers_.size()));
  return cached_table(kMonomialKind, n, [bases] { return make_fixed_base_table(bases, kFrBits); });
}

std::size_t Srs::cached_table_bytes() const {
  std::lock_guard lock(cache_mutex_);
  std::size_t total = 0;
  for (const auto& [key, future] : cache_) {
    if (future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) continue;
    try {
      total += future.get()->memory_bytes();
    } catch (...) {
      // a failed build holds no memory
    }
  }
  return total;
}

std::filesystem::path default_srs_path(const std::filesystem::path& shared_dir) {
  if (const char* env = std::getenv("PROOFGRID_SRS"); env != nullptr && env[0] != '\0') return env;
  return shared_dir / "srs" / "quilibrium-ceremony-excerpt-n256.json";
}

}  // namespace proofgrid::kzg
