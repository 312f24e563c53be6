// keys.yml: generation (atomic, mode 0600), the fingerprint and peer id (checked against
// RFC 8032's first Ed25519 test key), and the errors of a damaged file.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <thread>

#include "node/config/atomic_file.hpp"
#include "node/config/identity.hpp"
#include "tests/support/temp_dir.hpp"

using namespace proofgrid::config;
using proofgrid::test::TempDir;

namespace {

// RFC 8032 section 7.1, TEST 1: secret 9d61b1…7f60, public d75a98…511a.
const char* const kRfcPem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";
const char* const kRfcPublic = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
// SHA-256 of the DER SubjectPublicKeyInfo (302a300506032b6570032100 ‖ public key).
const char* const kRfcFingerprint = "06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9";
// SHA3-256 of the raw public key.
const char* const kRfcPeerId = "054f341a2fa584bb0c540fbf5232fcef6f76c5d5eb6a0663bacf8ccccf0d092b";

std::string keys_yml(const std::string& pem) {
  std::string out = "identityKey: |\n";
  for (std::size_t at = 0; at < pem.size();) {
    auto eol = pem.find('\n', at);
    out += "  " + pem.substr(at, eol - at) + "\n";
    at = eol + 1;
  }
  return out;
}

std::string load_error(const TempDir& dir) {
  try {
    load_identity(dir.path());
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL("keys.yml loaded");
  return {};
}

}  // namespace

TEST_CASE("fingerprint and peer id follow their definitions", "[identity]") {
  auto id = Identity::from_private_pem(kRfcPem);
  CHECK(proofgrid::to_hex(id.public_key()) == kRfcPublic);
  CHECK(id.fingerprint() == kRfcFingerprint);
  CHECK(proofgrid::to_hex(id.default_peer_id()) == kRfcPeerId);
  CHECK(proofgrid::transport::spki_fingerprint_hex(id.pkey()) == kRfcFingerprint);
  // The PEM written back is the same PKCS#8 key.
  CHECK(id.private_pem() == kRfcPem);
}

TEST_CASE("keys.yml is generated once, atomically, with mode 0600", "[identity]") {
  TempDir dir;
  auto first = load_or_generate_identity(dir.path() / "cfg");
  CHECK(first.generated);
  CHECK(first.warnings.empty());
  auto file = dir.path() / "cfg" / "keys.yml";
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  auto text = proofgrid::test::read_file(file);
  CHECK_THAT(text, Catch::Contains("identityKey: |\n  -----BEGIN PRIVATE KEY-----\n"));
  CHECK_THAT(text, Catch::Contains(first.identity.fingerprint()));
  // No temporary file is left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path() / "cfg"), {}) == 1);

  auto again = load_or_generate_identity(dir.path() / "cfg");
  CHECK_FALSE(again.generated);
  CHECK(again.identity.fingerprint() == first.identity.fingerprint());
  CHECK(again.identity.public_key() == first.identity.public_key());
}

TEST_CASE("two processes starting at once end with one identity", "[identity]") {
  TempDir dir;
  std::string a, b;
  std::thread t1([&] { a = load_or_generate_identity(dir.path()).identity.fingerprint(); });
  std::thread t2([&] { b = load_or_generate_identity(dir.path()).identity.fingerprint(); });
  t1.join();
  t2.join();
  CHECK(a == b);
  CHECK(load_identity(dir.path()).identity.fingerprint() == a);
}

TEST_CASE("create_new never replaces an existing file", "[identity]") {
  TempDir dir;
  auto file = dir.write("f", "old");
  CHECK_FALSE(write_file_atomically(file, "new", 0600, WriteMode::create_new));
  CHECK(proofgrid::test::read_file(file) == "old");
  CHECK(write_file_atomically(file, "new", 0644, WriteMode::replace));
  CHECK(proofgrid::test::read_file(file) == "new");
  CHECK_THROWS_AS(write_file_atomically(dir.path() / "no/such/dir/f", "x", 0600, WriteMode::replace),
                  std::system_error);
}

TEST_CASE("an existing keys.yml loads, and loose permissions are a warning", "[identity]") {
  TempDir dir;
  dir.write("keys.yml", keys_yml(kRfcPem));
  ::chmod((dir / "keys.yml").c_str(), 0644);
  auto loaded = load_identity(dir.path());
  CHECK(loaded.identity.fingerprint() == kRfcFingerprint);
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0].message == "keys.yml is readable by other users (mode 0644); run: chmod 600 " +
                                          (dir / "keys.yml").string());
}

TEST_CASE("a damaged keys.yml is an error naming the file and what is wrong", "[identity]") {
  TempDir dir;
  auto file = (dir / "keys.yml").string();
  dir.write("keys.yml", "identityKey: not a key\n");
  auto e = load_error(dir);
  CHECK_THAT(e, Catch::StartsWith(file + ":1:14: error: identityKey: expected an Ed25519 private key as a "
                                         "PKCS#8 PEM block"));
  CHECK_THAT(e, Catch::Contains("not a PEM private key"));
  CHECK_THAT(e, Catch::Contains("restore it from your backup"));

  EVP_PKEY* ec = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  REQUIRE(ec);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, ec, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  EVP_PKEY_free(ec);
  dir.write("keys.yml", keys_yml(pem));
  CHECK_THAT(load_error(dir), Catch::Contains("identityKey is a EC key; the control identity must be an Ed25519 key"));

  dir.write("keys.yml", keys_yml(kRfcPem) + "peerKey: x\n");
  CHECK_THAT(load_error(dir), Catch::Contains(file + ":5:1: error: unknown key peerKey in keys.yml — it holds only identityKey"));

  dir.write("keys.yml", "something: else\n");
  CHECK_THAT(load_error(dir), Catch::Contains("keys.yml has no identityKey"));

  TempDir none;
  CHECK_THAT(load_error(none), Catch::Contains("no keys.yml: only the control machine has one"));
}
