#include "transport/tls_context.hpp"

#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include "transport/errors.hpp"
#include "transport/peer_label.hpp"

namespace proofgrid::transport {

namespace {

// Our own ex_data slot: Boost.Asio keeps its verify callback in the SSL "app data".
int record_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

AuthRecord* record_of(SSL* ssl) {
  return ssl ? static_cast<AuthRecord*>(SSL_get_ex_data(ssl, record_index())) : nullptr;
}

boost::asio::ssl::context::method method_for(Role role) {
  return role == Role::worker ? boost::asio::ssl::context::tls_server
                              : boost::asio::ssl::context::tls_client;
}

// Records the peer's fingerprint and says why it is refused, if it is not the pinned key.
std::optional<std::string> check_pinned(EVP_PKEY* key, const Digest32& pinned,
                                        AuthRecord& record) {
  if (!key) return std::string("client presented no certificate");
  Digest32 fp = spki_fingerprint(key);
  record.peer_fingerprint = to_hex(fp);
  if (CRYPTO_memcmp(fp.data(), pinned.data(), fp.size()) != 0) {
    return "client certificate fingerprint " + short_fingerprint(record.peer_fingerprint) +
           " is not this cluster's control key";
  }
  return std::nullopt;
}

}  // namespace

TlsContext::TlsContext(Role role, bool insecure)
    : role_(role), insecure_(insecure), ctx_(method_for(role)) {
  SSL_CTX* c = ctx_.native_handle();
  if (SSL_CTX_set_min_proto_version(c, TLS1_3_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(c, TLS1_3_VERSION) != 1) {
    throw TransportError("this OpenSSL cannot restrict connections to TLS 1.3: " +
                         openssl_errors());
  }
  // Full handshake every time: no tickets, no session cache, no early data.
  SSL_CTX_set_options(c, SSL_OP_NO_TICKET);
  SSL_CTX_set_num_tickets(c, 0);
  SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_max_early_data(c, 0);
  // Idle links (thousands on one control) give their record buffers back.
  SSL_CTX_set_mode(c, SSL_MODE_RELEASE_BUFFERS);
}

void TlsContext::present(EVP_PKEY* key, const std::string& common_name) {
  X509Ptr cert = self_signed_certificate(key, common_name);
  SSL_CTX* c = ctx_.native_handle();
  if (SSL_CTX_use_certificate(c, cert.get()) != 1 || SSL_CTX_use_PrivateKey(c, key) != 1 ||
      SSL_CTX_check_private_key(c) != 1) {
    throw TransportError("cannot install the TLS certificate: " + openssl_errors());
  }
  own_fingerprint_ = spki_fingerprint_hex(key);
}

void TlsContext::attach(SSL* ssl, AuthRecord* record) {
  SSL_set_ex_data(ssl, record_index(), record);
}

std::optional<std::string> TlsContext::check_peer(SSL* ssl, AuthRecord& record) const {
  if (SSL_version(ssl) != TLS1_3_VERSION) return "the connection is not TLS 1.3";
  X509* cert = SSL_get0_peer_certificate(ssl);
  EVP_PKEY* key = cert ? X509_get0_pubkey(cert) : nullptr;
  if (!pinned_) {  // the control, or an insecure worker: only note who the peer is
    if (key) record.peer_fingerprint = spki_fingerprint_hex(key);
    return std::nullopt;
  }
  return check_pinned(key, *pinned_, record);
}

std::shared_ptr<ControlTls> ControlTls::authenticated(const ControlIdentity& identity) {
  std::shared_ptr<ControlTls> t(new ControlTls(false));
  t->present(identity.key(), "proofgrid control");
  // The worker's ephemeral key cannot be pinned; check_peer() records it for the logs.
  SSL_CTX_set_verify(t->ctx_.native_handle(), SSL_VERIFY_NONE, nullptr);
  return t;
}

std::shared_ptr<ControlTls> ControlTls::insecure_loopback_no_auth() {
  std::shared_ptr<ControlTls> t(new ControlTls(true));
  SSL_CTX_set_verify(t->ctx_.native_handle(), SSL_VERIFY_NONE, nullptr);
  return t;
}

int WorkerTls::verify_control(X509_STORE_CTX* store, void* arg) {
  // Replaces chain building: the leaf's key must be the pinned control key, nothing else
  // counts (the handshake's CertificateVerify proves the client holds its private half).
  auto* self = static_cast<WorkerTls*>(arg);
  auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  AuthRecord scratch;
  AuthRecord* record = record_of(ssl) ? record_of(ssl) : &scratch;
  X509* leaf = X509_STORE_CTX_get0_cert(store);
  if (auto refusal = check_pinned(leaf ? X509_get0_pubkey(leaf) : nullptr, *self->pinned_, *record)) {
    record->refusal = *refusal;
    X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
    return 0;
  }
  return 1;
}

std::shared_ptr<WorkerTls> WorkerTls::authenticated(std::string_view control_fingerprint) {
  Digest32 pinned = parse_fingerprint(control_fingerprint);
  std::shared_ptr<WorkerTls> t(new WorkerTls(false));
  t->pinned_ = pinned;
  EvpPkeyPtr key = generate_ed25519();
  t->present(key.get(), "proofgrid data worker");
  SSL_CTX* c = t->ctx_.native_handle();
  SSL_CTX_set_verify(c, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  SSL_CTX_set_cert_verify_callback(c, &WorkerTls::verify_control, t.get());
  return t;
}

std::shared_ptr<WorkerTls> WorkerTls::insecure_loopback_no_auth() {
  std::shared_ptr<WorkerTls> t(new WorkerTls(true));
  EvpPkeyPtr key = generate_ed25519();
  t->present(key.get(), "proofgrid data worker (insecure)");
  SSL_CTX_set_verify(t->ctx_.native_handle(), SSL_VERIFY_NONE, nullptr);
  return t;
}

}  // namespace proofgrid::transport
