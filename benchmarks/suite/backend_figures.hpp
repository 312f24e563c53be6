#pragma once
// The per-backend figures of `proofgrid bench`: VDF squarings per second on one core, solve
// time at the chain's difficulties (estimated from shorter runs where not measured, and
// marked so), proof verification, and KZG commit/prove at N = 128 and 1024.
#include <cstdint>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/backend/backend.hpp"
#include "engine/kzg/srs.hpp"

namespace proofgrid::bench {

struct VdfPlan {
  std::uint32_t short_t = 1000;  // fresh challenge, discriminant included
  std::uint32_t long_t = 4000;   // with short_t on a cached group: the per-squaring cost
  int runs = 2;                  // best of, per figure
  std::vector<std::uint32_t> targets = {25000, 200000};  // difficulties reported
  // A device serves many slots at once: it also solves this many chains in one batch (at
  // short_t) and reports the summed rate. 0: skip.
  std::size_t device_batch = 64;
};

// Solve time as a + b T: `a` (discriminant and fixed costs) and `b` (seconds per squaring,
// the proof's share included) from the measured runs.
struct SolveModel {
  double fixed_seconds = 0;
  double seconds_per_squaring = 0;
  std::uint32_t largest_measured_t = 0;
  double at(std::uint32_t t) const { return fixed_seconds + seconds_per_squaring * t; }
};

// `backend` runs with one thread (the per-core figure a data worker gets).
nlohmann::ordered_json measure_vdf(Backend& backend, const VdfPlan& plan, SolveModel* model = nullptr);

// Verification (engine code, the same for every backend): `samples` proofs of difficulty t
// on fresh challenges, with the discriminant (what a control pays for a new challenge) and
// with the group already cached. Median milliseconds.
nlohmann::ordered_json measure_verify(std::uint32_t t, int samples);

struct KzgInputs {
  std::shared_ptr<const kzg::Srs> srs128;   // the shared ceremony excerpt
  std::shared_ptr<const kzg::Srs> srs1024;  // an insecure setup generated for the bench
  double srs1024_generate_ms = 0;
};
// Generates the N = 1024 setup (insecure, in memory) and loads the excerpt.
KzgInputs prepare_kzg();
// Commit and prove at N = 128 and 1024 on the backend's kernels, tables built before timing.
nlohmann::ordered_json measure_kzg(Backend& backend, const KzgInputs& in, int runs);

}  // namespace proofgrid::bench
