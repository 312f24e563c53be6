#pragma once
// A fresh config.yml: every known key with its default and a one-line comment, written from
// the key table so the file, the parser and docs/configuration.md list the same keys.
#include <cstdint>
#include <optional>
#include <string>

namespace proofgrid::config {

struct FreshConfig {
  std::optional<std::uint64_t> difficulty;  // written instead of 0 (the local demo uses this)
  std::optional<std::string> control_key_fingerprint;  // set when keys.yml exists
  unsigned hardware_threads = 1;                       // shown next to dataWorkerCount
};

std::string fresh_config_text(const FreshConfig& options);

}  // namespace proofgrid::config
