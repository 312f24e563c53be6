#include "node/ops/poly_size.hpp"

#include <algorithm>

#include "engine/kzg/round_commitment.hpp"

namespace proofgrid::ops {

// The rules themselves live once, in the engine (engine/kzg/round_commitment.hpp).
std::size_t poly_size(std::size_t slots) { return slots == 0 ? 0 : kzg::poly_size(slots); }

std::size_t chunk_count(std::size_t slots) { return slots == 0 ? 0 : kzg::round_layout(slots).chunks; }

std::size_t reference_poly_size(std::size_t slots) {
  // Beyond 65536 the reference has no rule; advice quotes its largest size.
  return kzg::reference_poly_size(slots == 0 ? 1 : std::min<std::size_t>(slots, 65536));
}

std::optional<std::string> worker_count_warning(std::size_t slots) {
  const std::string p = std::to_string(slots);
  for (std::size_t threshold : {std::size_t{128}, std::size_t{1024}, std::size_t{2048}}) {
    if (slots <= threshold || slots > threshold + threshold / 8) continue;
    const std::string t = std::to_string(threshold);
    const std::string fewer = std::to_string(slots - threshold);
    std::string effect;
    if (threshold == kSmallPolySize) {
      effect = "every round commits at PolySize N = 1024 instead of N = 128 (eight times the "
               "commitment work for the last " + fewer + " workers)";
    } else {
      effect = "rounds above 1024 slots are split into 1024-point chunk commitments (N = 1024 per "
               "chunk), so " + p + " workers need " + std::to_string(chunk_count(slots)) +
               " chunks where " + t + " need " + std::to_string(chunk_count(threshold)) +
               ": one more commitment and opening per round, and 74 more bytes per record "
               "(the reference node's PolySize would jump from " +
               std::to_string(reference_poly_size(threshold)) + " to " +
               std::to_string(reference_poly_size(slots)) + ")";
    }
    return p + " workers is just above " + t + ": " + effect + ". With " + t +
           " workers (drop " + fewer + ") each round stays at N = " +
           std::to_string(poly_size(threshold)) + " in " + std::to_string(chunk_count(threshold)) +
           (chunk_count(threshold) == 1 ? " commitment" : " commitments") + ".";
  }
  return std::nullopt;
}

}  // namespace proofgrid::ops
