#pragma once
// Reading config.yml: YAML with positions, the known-key table, derived defaults and the
// checks that need several keys at once. Every problem found is reported, not just the first.
#include <filesystem>
#include <string_view>

#include "node/config/config.hpp"

namespace proofgrid::config {

inline constexpr std::string_view kConfigFileName = "config.yml";

// Parses config text. `file` names it in messages and its directory anchors relative paths
// and the default store path. Throws ConfigError listing every error (and the warnings).
Config parse_config(std::string_view text, const std::filesystem::path& file,
                    const Environment& env = this_machine());

// Reads DIR/config.yml. A missing file is a ConfigError that says how to create one.
Config load_config(const std::filesystem::path& dir, const Environment& env = this_machine());

}  // namespace proofgrid::config
