#pragma once
// The control process's identity: an Ed25519 key in keys.yml (PKCS#8 PEM under
// `identityKey`, mode 0600). Workers never hold it; they recognise the control process by
// engine.controlKeyFingerprint = lowercase hex SHA-256 of its DER SubjectPublicKeyInfo.
// The key itself (generation, PEM, fingerprint) is transport::ControlIdentity, the one the
// TLS links present; this class adds what the node derives from it.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/bytes.hpp"
#include "node/config/diagnostic.hpp"
#include "transport/tls_identity.hpp"

namespace proofgrid::config {

inline constexpr std::string_view kKeysFileName = "keys.yml";

class Identity {
 public:
  static Identity generate();
  // Throws std::invalid_argument when the PEM is not an Ed25519 private key.
  static Identity from_private_pem(std::string_view pem);

  std::string private_pem() const;  // PKCS#8 "BEGIN PRIVATE KEY"
  Bytes public_key() const;         // the raw 32 bytes
  std::string fingerprint() const;  // what engine.controlKeyFingerprint must hold
  Bytes default_peer_id() const;    // SHA3-256 of the raw public key
  // For TLS: the key as the transport presents it (shared with this object's copies).
  const transport::ControlIdentity& control_identity() const { return key_; }
  EVP_PKEY* pkey() const { return key_.key(); }

 private:
  explicit Identity(transport::ControlIdentity key) : key_(std::move(key)) {}
  transport::ControlIdentity key_;
};

struct LoadedIdentity {
  Identity identity;
  bool generated = false;             // true when this call created keys.yml
  std::vector<Diagnostic> warnings;   // e.g. keys.yml readable by others
};

// DIR/keys.yml, created atomically with a new key when missing. Throws ConfigError naming
// file:line:column when it exists but cannot be used.
LoadedIdentity load_or_generate_identity(const std::filesystem::path& dir);
// DIR/keys.yml, which must exist.
LoadedIdentity load_identity(const std::filesystem::path& dir);

}  // namespace proofgrid::config
