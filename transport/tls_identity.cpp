#include "transport/tls_identity.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include "transport/errors.hpp"

namespace proofgrid::transport {

namespace {

struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

void require(bool ok, const char* what) {
  if (!ok) throw TransportError(std::string(what) + ": " + openssl_errors());
}

}  // namespace

std::string openssl_errors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "no OpenSSL error recorded" : out;
}

Digest32 spki_fingerprint(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(key, &der);
  require(len > 0, "cannot encode a public key as SubjectPublicKeyInfo");
  Digest32 fp = sha256(ByteView(der, static_cast<std::size_t>(len)));
  OPENSSL_free(der);
  return fp;
}

std::string spki_fingerprint_hex(EVP_PKEY* key) { return to_hex(spki_fingerprint(key)); }

Digest32 parse_fingerprint(std::string_view text) {
  std::string_view t = text;
  if (t.substr(0, 7) == "sha256:") t.remove_prefix(7);
  std::string hex;
  for (char c : t) {
    if (c != ':') hex += c;
  }
  const char* advice =
      "; set engine.controlKeyFingerprint to the 64 hex digits the control prints for its key";
  if (hex.size() != 64) {
    throw TransportError("control key fingerprint must be 64 hex digits (SHA-256), got " +
                         std::to_string(hex.size()) + advice);
  }
  Bytes b;
  try {
    b = from_hex(hex);
  } catch (const std::invalid_argument& e) {
    throw TransportError(std::string("control key fingerprint is not hex: ") + e.what() + advice);
  }
  Digest32 d{};
  std::copy(b.begin(), b.end(), d.begin());
  return d;
}

EvpPkeyPtr generate_ed25519() {
  EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  require(key != nullptr, "cannot generate an Ed25519 key");
  return key;
}

X509Ptr self_signed_certificate(EVP_PKEY* key, const std::string& common_name) {
  X509Ptr cert(X509_new());
  require(cert != nullptr, "cannot allocate a certificate");
  require(X509_set_version(cert.get(), 2) == 1, "cannot set the certificate version");
  // A random serial: certificates are made at every start and must not collide in logs.
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), BN_free);
  require(serial && BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
              BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr,
          "cannot set the certificate serial");
  // Validity is not what authenticates (the pinned key is); keep it wide against clock skew.
  require(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -24L * 3600) != nullptr &&
              X509_gmtime_adj(X509_getm_notAfter(cert.get()), 20L * 365 * 24 * 3600) != nullptr,
          "cannot set the certificate validity");
  require(X509_set_pubkey(cert.get(), key) == 1, "cannot put the key into the certificate");
  X509_NAME* name = X509_get_subject_name(cert.get());
  require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(common_name.c_str()),
                                     -1, -1, 0) == 1 &&
              X509_set_issuer_name(cert.get(), name) == 1,
          "cannot name the certificate");
  // Ed25519 signs the message itself: no separate digest.
  require(X509_sign(cert.get(), key, nullptr) > 0, "cannot sign the certificate");
  return cert;
}

ControlIdentity ControlIdentity::from_pem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  require(bio != nullptr, "cannot read the identity key");
  // A password callback that declines, so an encrypted key fails instead of prompting.
  pem_password_cb* no_password = [](char*, int, int, void*) { return 0; };
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_password, nullptr);
  if (!raw) {
    std::string detail = openssl_errors();
    throw TransportError(
        "identityKey is not a PEM private key (" + detail +
        "); keys.yml must hold the control's Ed25519 key as PKCS#8 PEM "
        "(-----BEGIN PRIVATE KEY-----)");
  }
  EvpPkeyPtr key(raw);
  if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    throw TransportError(std::string("identityKey is a ") + EVP_PKEY_get0_type_name(key.get()) +
                         " key; the control identity must be an Ed25519 key "
                         "(make one with: openssl genpkey -algorithm ed25519)");
  }
  return ControlIdentity(std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free));
}

ControlIdentity ControlIdentity::from_key(EVP_PKEY* key) {
  if (!key || EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    throw TransportError("the control identity must be an Ed25519 key");
  }
  EVP_PKEY_up_ref(key);
  return ControlIdentity(std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free));
}

ControlIdentity ControlIdentity::generate() {
  return ControlIdentity(std::shared_ptr<EVP_PKEY>(generate_ed25519().release(), EVP_PKEY_free));
}

std::string ControlIdentity::private_key_pem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  require(bio && PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr,
                                          nullptr) == 1,
          "cannot write the identity key as PEM");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace proofgrid::transport
