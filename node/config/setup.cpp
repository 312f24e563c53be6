#include "node/config/setup.hpp"

#include "node/config/atomic_file.hpp"
#include "node/config/loader.hpp"

namespace proofgrid::config {
namespace {

// Writes a fresh config.yml unless one exists; true when this call wrote it.
bool write_fresh_config(const std::filesystem::path& dir, FreshConfig fresh, const Environment& env,
                        WriteMode how) {
  std::filesystem::create_directories(dir);
  fresh.hardware_threads = env.hardware_threads;
  return write_file_atomically(dir / kConfigFileName, fresh_config_text(fresh), 0644, how);
}

}  // namespace

// The fingerprint in config.yml must name the key in keys.yml, or workers will refuse
// the control process.
void check_fingerprint(const Config& config, const Identity& identity, std::vector<Diagnostic>& warnings) {
  const auto& fp = config.engine.control_key_fingerprint;
  std::string mine = identity.fingerprint();
  if (fp.value && *fp.value != mine) {
    throw ConfigError({Diagnostic{
        Severity::error, config.file.string(), fp.origin.line, fp.origin.column,
        "engine.controlKeyFingerprint",
        "engine.controlKeyFingerprint does not match keys.yml, whose key has fingerprint " + mine +
            ": workers would refuse this control process. If keys.yml is the identity to keep, "
            "set controlKeyFingerprint: \"" + mine + "\" here and in every worker machine's config.yml"}});
  }
  if (!fp.value && !config.engine.insecure_loopback_no_auth.value) {
    warnings.push_back(Diagnostic{
        Severity::warning, config.file.string(), 0, 0, "engine.controlKeyFingerprint",
        "config.yml has no engine.controlKeyFingerprint, so workers cannot authenticate this "
        "control process. Add this line under engine: (here and in every worker machine's "
        "config.yml):\n  controlKeyFingerprint: \"" + mine + "\""});
  }
}

std::optional<Diagnostic> worker_auth_warning(const Config& config) {
  if (config.engine.control_key_fingerprint.value || config.engine.insecure_loopback_no_auth.value)
    return std::nullopt;
  return Diagnostic{Severity::warning, config.file.string(), 0, 0, "engine.controlKeyFingerprint",
                    "config.yml has no engine.controlKeyFingerprint, so a data worker started with it "
                    "accepts no control process. Copy config.yml from the control machine (its "
                    "first run, or `proofgrid config init`, writes the fingerprint)"};
}

PreparedControl prepare_control_dir(const std::filesystem::path& dir, const Environment& env,
                                    const FreshConfig& fresh) {
  LoadedIdentity identity = load_or_generate_identity(dir);
  FreshConfig with_key = fresh;
  with_key.control_key_fingerprint = identity.identity.fingerprint();
  bool generated = false;
  if (!std::filesystem::exists(dir / kConfigFileName))
    generated = write_fresh_config(dir, with_key, env, WriteMode::create_new);

  PreparedControl out{load_config(dir, env), identity, generated, {}, {}};
  out.warnings = out.config.warnings;
  out.warnings.insert(out.warnings.end(), identity.warnings.begin(), identity.warnings.end());
  check_fingerprint(out.config, identity.identity, out.warnings);
  const auto& peer = out.config.engine.peer_id.value;
  out.peer_id = peer ? *peer : identity.identity.default_peer_id();
  return out;
}

PreparedWorker prepare_worker_dir(const std::filesystem::path& dir, const Environment& env) {
  bool generated = false;
  if (!std::filesystem::exists(dir / kConfigFileName))
    generated = write_fresh_config(dir, FreshConfig{}, env, WriteMode::create_new);
  return PreparedWorker{load_config(dir, env), generated};
}

InitResult init_config_dir(const std::filesystem::path& dir, const Environment& env,
                           const FreshConfig& fresh, bool force) {
  auto file = dir / kConfigFileName;
  if (std::filesystem::exists(file) && !force)
    throw ConfigError({Diagnostic{
        Severity::error, file.string(), 0, 0, "",
        "config.yml already exists; check it with: proofgrid config check --config " + dir.string() +
            " (or pass --force to replace it with defaults; keys.yml is never replaced)"}});
  LoadedIdentity identity = load_or_generate_identity(dir);
  FreshConfig with_key = fresh;
  with_key.control_key_fingerprint = identity.identity.fingerprint();
  write_fresh_config(dir, with_key, env, force ? WriteMode::replace : WriteMode::create_new);
  load_config(dir, env);  // what was written must read back; throws otherwise
  return InitResult{file, identity.generated, *with_key.control_key_fingerprint};
}

}  // namespace proofgrid::config
