#pragma once
// Keys and certificates for the cluster's TLS 1.3 links (OpenSSL 3; no home-made crypto).
//
// The control process is identified by an Ed25519 key (keys.yml: identityKey, PKCS#8 PEM).
// Workers know only its fingerprint: lowercase hex SHA-256 of the DER SubjectPublicKeyInfo
// (config.yml: engine.controlKeyFingerprint). Certificates are self-signed and made at run
// time; only the key inside them matters, and TLS proves the peer holds its private half.
#include <memory>
#include <string>
#include <string_view>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "engine/common/hash.hpp"

namespace proofgrid::transport {

struct EvpPkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

// SHA-256 of the DER SubjectPublicKeyInfo of `key` (its public half).
Digest32 spki_fingerprint(EVP_PKEY* key);
std::string spki_fingerprint_hex(EVP_PKEY* key);

// Parses "engine.controlKeyFingerprint": 64 hex digits (an optional "sha256:" prefix and
// colons between bytes are tolerated). Throws TransportError saying what is wrong.
Digest32 parse_fingerprint(std::string_view text);

// A new Ed25519 key pair.
EvpPkeyPtr generate_ed25519();

// A self-signed X.509 v3 certificate for `key`, named CN=`common_name`.
X509Ptr self_signed_certificate(EVP_PKEY* key, const std::string& common_name);

// The control's identity key.
class ControlIdentity {
 public:
  // PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). Throws TransportError if it is not a PEM
  // private key or not Ed25519.
  static ControlIdentity from_pem(std::string_view pem);
  // Takes a reference to an existing Ed25519 key (the caller keeps its own).
  static ControlIdentity from_key(EVP_PKEY* key);
  static ControlIdentity generate();

  EVP_PKEY* key() const { return key_.get(); }
  std::string private_key_pem() const;  // PKCS#8, for keys.yml
  std::string fingerprint_hex() const { return spki_fingerprint_hex(key_.get()); }

 private:
  explicit ControlIdentity(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}
  std::shared_ptr<EVP_PKEY> key_;
};

// The text of the most recent OpenSSL errors (and clears them), for error messages.
std::string openssl_errors();

}  // namespace proofgrid::transport
