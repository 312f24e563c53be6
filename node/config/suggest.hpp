#pragma once
// "did you mean …?": the known name nearest to a misspelt one, by edit distance, ignoring
// case, '_' and '-' so that data_worker_count still finds dataWorkerCount.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace proofgrid::config {

// Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps).
std::size_t edit_distance(std::string_view a, std::string_view b);

// Index of the candidate closest to `word` when it is close enough to be a typo, else nullopt.
std::optional<std::size_t> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);

}  // namespace proofgrid::config
