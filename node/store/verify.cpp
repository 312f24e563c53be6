#include "node/store/verify.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <map>
#include <string>

#include "engine/chain/byte_compare.hpp"
#include "engine/chain/record.hpp"

namespace proofgrid::store {
namespace {

// Records examined per batch: bounds memory (a batch holds its rounds' digests) while
// leaving enough work to spread over the cores.
constexpr std::uint64_t kBatch = 256;

// The store's columns must agree with the record they describe.
void check_columns(const chain::ChainIdentity& id, const StoredRound& r, chain::RecordVerdict& v) {
  const std::string k = std::to_string(r.increment);
  if (r.difficulty != id.difficulty(r.increment))
    v.failures.push_back({chain::Check::vdf, "round " + k + " is stored with T = " + std::to_string(r.difficulty) +
                                                 " but the chain's rule gives " +
                                                 std::to_string(id.difficulty(r.increment))});
  if (v.failed(chain::Check::layout)) return;
  const chain::RecordFields f = chain::split_record(r.record, r.parallelism);
  if (!r.idx || *r.idx != f.idx)
    v.failures.push_back({chain::Check::selection, "round " + k + "'s idx column differs from its record's index"});
  if (!chain::same_bytes(r.commitment, f.commitment))
    v.failures.push_back({chain::Check::commitment, "round " + k + "'s commitment column differs from its record's"});
}

// C_k as record k states it (nullopt when record k is absent or malformed).
std::optional<ByteView> record_commitment(const StoredRound* r) {
  if (!r || r->record.empty() || r->parallelism == 0 || r->record.size() != chain::record_size(r->parallelism))
    return std::nullopt;
  return chain::split_record(r->record, r->parallelism).commitment;
}

}  // namespace

StoreVerification verify_store(const Store& store, const kzg::Srs& srs, const VerifyOptions& options) {
  StoreVerification out;
  out.head = store.head();
  if (!out.head || *out.head == 0) return out;  // no record is due yet
  const std::uint64_t last = std::min(*out.head - 1, options.to.value_or(*out.head - 1));
  if (options.from > last) return out;
  const kzg::Kernels& kernels = options.kernels ? *options.kernels : kzg::cpu_kernels();
  const chain::ChainIdentity& id = store.identity();
  const std::uint64_t total = last - options.from + 1;

  for (std::uint64_t lo = options.from; lo <= last; lo += kBatch) {
    const std::uint64_t hi = std::min(last, lo + kBatch - 1);
    std::map<std::uint64_t, StoredRound> rows;
    for (StoredRound& r : store.rounds(lo == 0 ? 0 : lo - 1, hi + 1)) rows.emplace(r.increment, std::move(r));
    auto row = [&](std::uint64_t k) -> const StoredRound* {
      const auto it = rows.find(k);
      return it == rows.end() ? nullptr : &it->second;
    };

    std::vector<std::uint64_t> present;
    for (std::uint64_t k = lo; k <= hi; ++k) {
      const StoredRound* r = row(k);
      if (r && !r->record.empty()) {
        present.push_back(k);
        continue;
      }
      ++out.gaps;
      if (!out.gap_runs.empty() && out.gap_runs.back().last + 1 == k)
        out.gap_runs.back().last = k;
      else
        out.gap_runs.push_back({k, k});
    }

    std::vector<chain::RecordVerdict> verdicts(present.size());
    tbb::parallel_for(std::size_t{0}, present.size(), [&](std::size_t i) {
      const std::uint64_t k = present[i];
      const StoredRound& r = *row(k);
      const StoredRound* next = row(k + 1);
      chain::RecordEvidence e;
      e.increment = k;
      e.parallelism = r.parallelism;
      e.challenge = r.challenge;
      e.digests = r.digests;
      if (next) e.next_commitment = next->commitment;
      e.expected_challenge = k == 0 ? std::optional<ByteView>(ByteView(id.genesis)) : record_commitment(row(k - 1));
      verdicts[i] = chain::verify_record(id, r.record, e, srs, kernels);
      check_columns(id, r, verdicts[i]);
    });
    for (std::size_t i = 0; i < present.size(); ++i) {
      ++out.records;
      if (verdicts[i].ok()) {
        ++out.valid;
      } else {
        ++out.invalid;
        out.problems.push_back({present[i], std::move(verdicts[i].failures)});
      }
    }
    if (options.progress) options.progress(hi - options.from + 1, total);
  }
  return out;
}

}  // namespace proofgrid::store
