#pragma once
// Preparing a config directory for the role a process plays: the control machine holds
// config.yml and keys.yml (both generated on first run); a worker-only machine needs
// config.yml alone (generated with defaults when missing).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "node/config/config.hpp"
#include "node/config/generate.hpp"
#include "node/config/identity.hpp"

namespace proofgrid::config {

struct PreparedControl {
  Config config;
  LoadedIdentity identity;
  bool config_generated = false;
  Bytes peer_id;                     // engine.peerId, else derived from the identity
  std::vector<Diagnostic> warnings;  // config.yml's, keys.yml's, and fingerprint advice
};

// Generates what is missing (keys first, so a new config.yml carries the fingerprint), then
// loads both and checks them against each other. Throws ConfigError.
PreparedControl prepare_control_dir(const std::filesystem::path& dir, const Environment& env,
                                    const FreshConfig& fresh = {});

// Adds the missing-fingerprint advice to `warnings`; throws ConfigError when config.yml's
// engine.controlKeyFingerprint names a different key than keys.yml holds.
void check_fingerprint(const Config& config, const Identity& identity,
                       std::vector<Diagnostic>& warnings);

// On a worker machine: without engine.controlKeyFingerprint (and without the loopback-only
// mode) a worker can authenticate no control process. Returns that advice, if it applies.
std::optional<Diagnostic> worker_auth_warning(const Config& config);

struct PreparedWorker {
  Config config;
  bool config_generated = false;
};

// Generates config.yml with defaults when missing (never keys.yml), then loads it.
PreparedWorker prepare_worker_dir(const std::filesystem::path& dir, const Environment& env);

struct InitResult {
  std::filesystem::path config_file;
  bool keys_generated = false;
  std::string fingerprint;
};

// `proofgrid config init`: writes keys.yml when missing and a fresh config.yml carrying its
// fingerprint. An existing config.yml is replaced only with `force`; keys.yml never is.
InitResult init_config_dir(const std::filesystem::path& dir, const Environment& env,
                           const FreshConfig& fresh, bool force);

}  // namespace proofgrid::config
