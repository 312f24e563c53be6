#pragma once
// The structured reference string: G1 powers [tau^k]_1, Lagrange tables G1FFT_N, root tables,
// and G2 powers (kept as validated bytes until the pairing arrives). Loaded from either
// ceremony JSON layout (spec §4.2 optimized_ceremony.json, §4.3 ceremony.json), fully
// validated, immutable afterwards; precomputed MSM tables are built on first use and cached.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/bytes.hpp"
#include "engine/kzg/g1_types.hpp"
#include "engine/kzg/g2.hpp"
#include "engine/kzg/msm.hpp"

namespace proofgrid::kzg {

// A problem with an SRS file or with what it can do; the message names the file.
class SrsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kG2Bytes = 585;

struct SrsLoadOptions {
  // Per-point subgroup checks on every G1 point (about 0.2 ms each, run in parallel). Turn off
  // only for a trusted production file with 131072 points, where they take seconds.
  bool check_subgroup = true;
  // Receives loud warnings (an insecure generated SRS); nullptr writes them to stderr.
  std::function<void(const std::string&)> warn;
};

enum class SrsLayout { kOptimizedCeremony, kCeremony };

class Srs {
 public:
  // Reads and validates a ceremony JSON file (either layout, detected from its keys).
  static std::shared_ptr<const Srs> load(const std::filesystem::path& file, const SrsLoadOptions& options = {});
  // The same from JSON text; `source` names it in errors.
  static std::shared_ptr<const Srs> parse(std::string_view json_text, const std::string& source,
                                          const SrsLoadOptions& options = {});

  const std::string& source() const { return source_; }
  SrsLayout layout() const { return layout_; }
  // Set for generated test setups ("insecure": "…") whose tau is public.
  const std::optional<std::string>& insecure_note() const { return insecure_; }

  std::span<const G1Affine> g1_powers() const { return g1_powers_; }
  // Compressed G2 powers (585 bytes each). Verification needs only G2Powers[0] (= G2) and
  // G2Powers[1] (= [tau]_2): those two are decoded and checked (twist equation, subgroup,
  // generator); the rest are checked for format and range.
  const std::vector<Bytes>& g2_powers() const { return g2_powers_; }
  // [tau]_2 decoded, when the file has at least two G2 powers.
  const std::optional<G2Affine>& g2_tau() const { return g2_tau_; }

  // Sizes with a G1FFT_N table in the file, ascending.
  std::vector<std::size_t> lagrange_sizes() const;
  bool has_lagrange(std::size_t n) const { return lagrange_.count(n) != 0; }
  std::span<const G1Affine> lagrange(std::size_t n) const;

  // What an operation at size n needs; these throw SrsError naming the file and the shortfall.
  void require_commit(std::size_t n) const;
  void require_prove(std::size_t n) const;
  // Whether commit at n uses the Lagrange table (otherwise: inverse FFT + monomial powers).
  bool commit_uses_lagrange(std::size_t n) const;

  // Precomputed fixed-base tables, built on first use, shared and thread-safe.
  //   lagrange: over G1FFT_N, for data scalars (< 2^512)
  //   monomial: over G1Powers[0 .. min(n, available) - 1], for Fr coefficients (< r)
  std::shared_ptr<const FixedBaseTable> lagrange_table(std::size_t n) const;
  std::shared_ptr<const FixedBaseTable> monomial_table(std::size_t n) const;
  std::size_t cached_table_bytes() const;

  Srs(const Srs&) = delete;
  Srs& operator=(const Srs&) = delete;

 private:
  Srs() = default;
  friend class SrsBuilder;

  std::string source_;
  SrsLayout layout_ = SrsLayout::kOptimizedCeremony;
  std::optional<std::string> insecure_;
  std::vector<G1Affine> g1_powers_;
  std::vector<Bytes> g2_powers_;
  std::optional<G2Affine> g2_tau_;
  std::map<std::size_t, std::vector<G1Affine>> lagrange_;

  using TableFuture = std::shared_future<std::shared_ptr<const FixedBaseTable>>;
  std::shared_ptr<const FixedBaseTable> cached_table(int kind, std::size_t n,
                                                     const std::function<FixedBaseTable()>& build) const;

  mutable std::mutex cache_mutex_;
  mutable std::map<std::pair<int, std::size_t>, TableFuture> cache_;
};

// The default SRS file: $PROOFGRID_SRS if set, else the shared ceremony excerpt beside the
// checkout (`shared_dir`/srs/quilibrium-ceremony-excerpt-n256.json).
std::filesystem::path default_srs_path(const std::filesystem::path& shared_dir);

}  // namespace proofgrid::kzg
