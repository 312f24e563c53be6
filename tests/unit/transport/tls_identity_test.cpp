#include <catch2/catch.hpp>

#include "transport/errors.hpp"
#include "transport/tls_context.hpp"
#include "transport/tls_identity.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;

namespace {

// Made with `openssl genpkey -algorithm ed25519`; the fingerprint with
// `openssl pkey -in key.pem -pubout -outform DER | sha256sum`.
const char* kKnownKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEICh1NrAEhBIQunjpGntM8Y0Sue9vSovHTuQiellqtTuF\n"
    "-----END PRIVATE KEY-----\n";
const char* kKnownFingerprint = "066231137bf3757204fcafabf61ab8ab3fb94533a89dd5ecc7fa5d611aae9989";

const char* kP256Key =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgJhLgZqYfmorYtrpe\n"
    "+QZTEmgu7RsKnFivLWGY4VsuB5yhRANCAAQg6N34ZKSg5TdwdnKoNGYvQSobYKnq\n"
    "7R/LAr2rMSLBnRsdCCZbbyxX88uBhrM3weU/20T2YiSMbAfkrfebOO1/\n"
    "-----END PRIVATE KEY-----\n";

}  // namespace

TEST_CASE("the control fingerprint is SHA-256 of the DER SubjectPublicKeyInfo", "[tls]") {
  ControlIdentity id = ControlIdentity::from_pem(kKnownKey);
  CHECK(id.fingerprint_hex() == kKnownFingerprint);
  // PEM out and in again is the same key.
  CHECK(ControlIdentity::from_pem(id.private_key_pem()).fingerprint_hex() == kKnownFingerprint);
  CHECK(ControlIdentity::from_key(id.key()).fingerprint_hex() == kKnownFingerprint);
}

TEST_CASE("generated identities differ and round-trip through PEM", "[tls]") {
  ControlIdentity a = ControlIdentity::generate();
  ControlIdentity b = ControlIdentity::generate();
  CHECK(a.fingerprint_hex() != b.fingerprint_hex());
  CHECK(a.fingerprint_hex().size() == 64);
  CHECK_THAT(a.private_key_pem(), Catch::StartsWith("-----BEGIN PRIVATE KEY-----"));
  CHECK(ControlIdentity::from_pem(a.private_key_pem()).fingerprint_hex() == a.fingerprint_hex());
}

TEST_CASE("bad identity keys are refused with what to do", "[tls]") {
  CHECK_THROWS_WITH(ControlIdentity::from_pem("not a key"),
                    Catch::Contains("not a PEM private key") && Catch::Contains("PKCS#8"));
  CHECK_THROWS_WITH(ControlIdentity::from_pem(kP256Key),
                    Catch::Contains("EC key") && Catch::Contains("must be an Ed25519 key"));
  CHECK_THROWS_AS(ControlIdentity::from_key(nullptr), TransportError);
}

TEST_CASE("fingerprints parse from config text, and bad ones say what is wrong", "[tls]") {
  Digest32 d = parse_fingerprint(kKnownFingerprint);
  CHECK(to_hex(d) == kKnownFingerprint);
  CHECK(parse_fingerprint(std::string("sha256:") + kKnownFingerprint) == d);
  std::string upper_colons;
  for (std::size_t i = 0; i < 64; i += 2) {
    if (i) upper_colons += ':';
    upper_colons += static_cast<char>(std::toupper(kKnownFingerprint[i]));
    upper_colons += static_cast<char>(std::toupper(kKnownFingerprint[i + 1]));
  }
  CHECK(parse_fingerprint(upper_colons) == d);
  CHECK_THROWS_WITH(parse_fingerprint("abcd"), Catch::Contains("64 hex digits") &&
                                                   Catch::Contains("got 4") &&
                                                   Catch::Contains("engine.controlKeyFingerprint"));
  CHECK_THROWS_WITH(parse_fingerprint(std::string(63, 'a') + "g"), Catch::Contains("not hex"));
  CHECK_THROWS_AS(WorkerTls::authenticated("zz"), TransportError);
}

TEST_CASE("TLS contexts present the expected keys", "[tls]") {
  ControlIdentity id = ControlIdentity::from_pem(kKnownKey);
  auto control = ControlTls::authenticated(id);
  CHECK(control->own_fingerprint() == kKnownFingerprint);
  CHECK_FALSE(control->insecure());
  auto worker = WorkerTls::authenticated(kKnownFingerprint);
  CHECK(worker->own_fingerprint().size() == 64);
  CHECK(worker->own_fingerprint() != kKnownFingerprint);
  REQUIRE(worker->pinned());
  CHECK(to_hex(*worker->pinned()) == kKnownFingerprint);
  // Each worker start makes a fresh key: no secret lives on a worker machine.
  CHECK(WorkerTls::authenticated(kKnownFingerprint)->own_fingerprint() != worker->own_fingerprint());
  CHECK(ControlTls::insecure_loopback_no_auth()->insecure());
  CHECK(WorkerTls::insecure_loopback_no_auth()->insecure());
}
