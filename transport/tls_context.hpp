#pragma once
// TLS 1.3 contexts for both ends (Boost.Asio over OpenSSL), built once per process and shared
// by all its connections.
//
// Mutual TLS, no fallback: the control presents a self-signed certificate for its identity
// key; the worker serves an ephemeral self-signed Ed25519 certificate made at start (worker
// machines hold no secret) and requires a client certificate whose SPKI fingerprint equals
// the configured control fingerprint (compared in constant time). The worker's identity is
// not checked by the control: a worker only computes proofs, which the control verifies.
// Resumption and 0-RTT are off, so every connection is a full handshake and a captured
// session cannot be replayed.
//
// insecure_loopback_no_auth(): no client authentication, refused unless both ends are
// loopback addresses (the server and link enforce that), and loudly logged.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/ssl/context.hpp>

#include "transport/messages.hpp"
#include "transport/tls_identity.hpp"

namespace proofgrid::transport {

// What authentication learned about one connection's peer; the worker's verification
// callback fills it during the handshake, so a refusal can be logged with its reason.
struct AuthRecord {
  std::string peer_fingerprint;  // hex, empty if the peer sent no certificate
  std::string refusal;           // why the peer was refused, empty if it was not
};

class TlsContext {
 public:
  virtual ~TlsContext() = default;
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  Role role() const { return role_; }
  bool insecure() const { return insecure_; }
  boost::asio::ssl::context& asio() { return ctx_; }
  // The fingerprint of the key this end presents (empty for an insecure control).
  const std::string& own_fingerprint() const { return own_fingerprint_; }
  // The control key an authenticating worker serves (empty otherwise).
  const std::optional<Digest32>& pinned() const { return pinned_; }

  // Ties a connection's record to its SSL object before the handshake starts.
  static void attach(SSL* ssl, AuthRecord* record);
  // After a completed handshake: records the peer's fingerprint and, on an authenticating
  // worker, checks it once more against the pinned key. Returns the refusal, if any.
  std::optional<std::string> check_peer(SSL* ssl, AuthRecord& record) const;

 protected:
  TlsContext(Role role, bool insecure);
  void present(EVP_PKEY* key, const std::string& common_name);

  Role role_;
  bool insecure_;
  boost::asio::ssl::context ctx_;
  std::string own_fingerprint_;
  std::optional<Digest32> pinned_;  // worker only: the control key it serves
};

class ControlTls : public TlsContext {
 public:
  static std::shared_ptr<ControlTls> authenticated(const ControlIdentity& identity);
  static std::shared_ptr<ControlTls> insecure_loopback_no_auth();

 private:
  explicit ControlTls(bool insecure) : TlsContext(Role::control, insecure) {}
};

class WorkerTls : public TlsContext {
 public:
  // `control_fingerprint`: engine.controlKeyFingerprint. Throws TransportError if malformed.
  static std::shared_ptr<WorkerTls> authenticated(std::string_view control_fingerprint);
  static std::shared_ptr<WorkerTls> insecure_loopback_no_auth();

 private:
  explicit WorkerTls(bool insecure) : TlsContext(Role::worker, insecure) {}
  static int verify_control(X509_STORE_CTX* store, void* arg);
};

}  // namespace proofgrid::transport
