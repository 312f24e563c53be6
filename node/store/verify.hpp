#pragma once
// `proofgrid verify`: every stored record checked against the chain's rules with
// chain::verify_record (VDF, digest, commitment and opening recomputed bit-exactly from the
// stored digests, selection by the next commitment, continuity), plus the store's own
// columns against the record (difficulty, idx, C_k). Records are checked in parallel.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/chain/record_verify.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/kzg/srs.hpp"
#include "node/store/store.hpp"

namespace proofgrid::store {

struct VerifyOptions {
  std::uint64_t from = 0;
  std::optional<std::uint64_t> to;  // inclusive; default: the last record (head - 1)
  const kzg::Kernels* kernels = nullptr;  // nullptr: the cpu kernels
  // Called after each batch with (records examined, records in range).
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct RecordProblem {
  std::uint64_t increment = 0;
  std::vector<chain::RecordFailure> failures;
};

// A run of increments in range without a record (first..last inclusive).
struct Gap {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
};

struct StoreVerification {
  std::uint64_t records = 0;  // records present in range
  std::uint64_t valid = 0;
  std::uint64_t invalid = 0;
  std::uint64_t gaps = 0;     // increments in range (below the head) with no record
  std::optional<std::uint64_t> head;  // the last committed round (its record is not due yet)
  std::vector<RecordProblem> problems;
  std::vector<Gap> gap_runs;
  bool ok() const { return invalid == 0 && gaps == 0; }
};

// Throws kzg::SrsError when `srs` cannot serve a round's size, StoreError on read failures.
StoreVerification verify_store(const Store& store, const kzg::Srs& srs, const VerifyOptions& options = {});

}  // namespace proofgrid::store
