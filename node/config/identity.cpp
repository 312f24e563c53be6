#include "node/config/identity.hpp"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/common/hash.hpp"
#include "node/config/atomic_file.hpp"
#include "node/config/yaml_reader.hpp"
#include "transport/errors.hpp"

namespace proofgrid::config {
namespace {

std::string keys_file_text(const Identity& id) {
  std::string text =
      "# proofgrid control identity (Ed25519, PKCS#8 PEM). Secret: keep it on the control\n"
      "# machine only, mode 0600. Worker machines need config.yml alone; they recognise this\n"
      "# key by engine.controlKeyFingerprint: " + id.fingerprint() + "\n"
      "identityKey: |\n";
  std::istringstream pem(id.private_pem());
  for (std::string line; std::getline(pem, line);) text += "  " + line + "\n";
  return text;
}

LoadedIdentity parse_keys_file(const std::filesystem::path& file, const std::string& text) {
  Reporter r(file.string());
  std::optional<Identity> identity;
  try {
    YAML::Node root = YAML::Load(text);
    YAML::Mark start;
    start.line = start.column = 0;
    if (!root.IsMap()) {
      ValueReader(root, start, "keys.yml", "a mapping with the key identityKey", r).fail();
    } else {
      for (const auto& entry : root) {
        const YAML::Node key = entry.first;
        if (key.Scalar() != "identityKey")
          r.error(key.Mark(), key.Scalar(), "unknown key " + key.Scalar() + " in keys.yml — it holds only identityKey");
      }
      const YAML::Node& map = root;
      if (!map["identityKey"]) {
        r.error(start, "identityKey", "keys.yml has no identityKey (the control's private key)");
      } else {
        ValueReader value(map["identityKey"], start, "identityKey",
                          "an Ed25519 private key as a PKCS#8 PEM block (\"identityKey: |\" then "
                          "the indented -----BEGIN PRIVATE KEY----- lines)", r);
        if (auto pem = value.scalar()) {
          try {
            identity = Identity::from_private_pem(*pem);
          } catch (const std::invalid_argument& e) {
            value.fail(e.what());
          }
        }
      }
    }
  } catch (const YAML::Exception& e) {
    r.error(e.mark, "", "YAML syntax error: " + e.msg);
  }
  if (r.has_errors() || !identity) {
    auto all = r.errors();
    all.push_back(Diagnostic{Severity::error, file.string(), 0, 0, "",
                             "keys.yml holds the node identity: restore it from your backup; only "
                             "delete it to start a new identity (a new peer id)"});
    throw ConfigError(std::move(all));
  }
  LoadedIdentity loaded{*identity, false, {}};
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    loaded.warnings.push_back({Severity::warning, file.string(), 0, 0, "",
                               std::string("keys.yml is readable by other users (mode ") + mode +
                                   "); run: chmod 600 " + file.string()});
  }
  return loaded;
}

}  // namespace

Identity Identity::generate() { return Identity(transport::ControlIdentity::generate()); }

Identity Identity::from_private_pem(std::string_view pem) {
  try {
    return Identity(transport::ControlIdentity::from_pem(pem));
  } catch (const transport::TransportError& e) {
    throw std::invalid_argument(e.what());
  }
}

std::string Identity::private_pem() const { return key_.private_key_pem(); }

Bytes Identity::public_key() const {
  Bytes raw(32);
  std::size_t len = raw.size();
  if (!EVP_PKEY_get_raw_public_key(key_.key(), raw.data(), &len) || len != 32)
    throw std::runtime_error("cannot read the identity's public key: " + transport::openssl_errors());
  return raw;
}

std::string Identity::fingerprint() const { return key_.fingerprint_hex(); }

Bytes Identity::default_peer_id() const {
  auto digest = sha3_256(public_key());
  return Bytes(digest.begin(), digest.end());
}

LoadedIdentity load_identity(const std::filesystem::path& dir) {
  auto file = dir / kKeysFileName;
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ConfigError({Diagnostic{Severity::error, file.string(), 0, 0, "",
                                  std::filesystem::exists(file)
                                      ? "cannot read keys.yml (check its owner and permissions)"
                                      : "no keys.yml: only the control machine has one; run the "
                                        "control process or `proofgrid config init` there"}});
  std::ostringstream text;
  text << in.rdbuf();
  return parse_keys_file(file, text.str());
}

LoadedIdentity load_or_generate_identity(const std::filesystem::path& dir) {
  auto file = dir / kKeysFileName;
  if (!std::filesystem::exists(file)) {
    Identity fresh = Identity::generate();
    std::filesystem::create_directories(dir);
    // Another process may create it at the same moment; then its key is the identity.
    if (write_file_atomically(file, keys_file_text(fresh), 0600, WriteMode::create_new))
      return LoadedIdentity{fresh, true, {}};
  }
  return load_identity(dir);
}

}  // namespace proofgrid::config
