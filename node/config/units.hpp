#pragma once
// Durations ("90s", "30m", "1h30m") and memory sizes ("2GiB", "512MiB") as operators write
// them in config.yml. Parsers return nullopt and leave the wording of errors to the caller,
// which knows the key and the line.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace proofgrid::config {

using Duration = std::chrono::milliseconds;

// One or more NUMBER UNIT pairs, units ms, s, m, h, d ("1h30m", "250ms"). A bare number is
// rejected: its unit would be a guess.
std::optional<Duration> parse_duration(std::string_view text);
// The shortest spelling parse_duration reads back ("1h30m", "90s", "0s").
std::string format_duration(Duration d);

// A byte count: a bare number of bytes, or NUMBER with B, KiB, MiB, GiB, TiB (powers of 1024)
// or KB, MB, GB, TB (powers of 1000).
std::optional<std::uint64_t> parse_byte_size(std::string_view text);
// "2GiB", "1536MiB", "100B": the largest binary unit that divides the value.
std::string format_byte_size(std::uint64_t bytes);

}  // namespace proofgrid::config
