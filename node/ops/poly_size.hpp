#pragma once
// The polynomial size ("PolySize") a round of P slots commits at, as operators size their
// clusters by it, as the engine defines it (engine/kzg/round_commitment.hpp, docs/kzg.md): N = 128 for P <= 128, else N = 1024 per chunk, the P digests split into
// ceil(P / 1024) chunk commitments — only N <= 1024 are real evaluation domains of
// BLS48-581, so the reference node's 2048/65536 sizes are never used.
#include <cstddef>
#include <optional>
#include <string>

namespace proofgrid::ops {

inline constexpr std::size_t kSmallPolySize = 128;

// N for P >= 1 slots (P = 0 has no commitment; it is reported as 0).
std::size_t poly_size(std::size_t slots);
// Chunk commitments per round: ceil(P / 1024).
std::size_t chunk_count(std::size_t slots);
// The reference node's PolySize (128, 1024, 2048, 65536), quoted in advice only.
std::size_t reference_poly_size(std::size_t slots);

// Advice when P is just above 128, 1024 or 2048 (up to an eighth above): a few workers
// fewer would make every round cheaper. nullopt otherwise.
std::optional<std::string> worker_count_warning(std::size_t slots);

}  // namespace proofgrid::ops
