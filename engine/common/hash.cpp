#include "engine/common/hash.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace proofgrid {
namespace {

struct CtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

void digest_into(const EVP_MD* md, ByteView data, std::uint8_t* out, std::size_t out_len,
                 bool xof) {
  std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1)
    throw std::runtime_error("OpenSSL digest failed");
  const int ok = xof ? EVP_DigestFinalXOF(ctx.get(), out, out_len)
                     : EVP_DigestFinal_ex(ctx.get(), out, nullptr);
  if (ok != 1) throw std::runtime_error("OpenSSL digest finalisation failed");
}

}  // namespace

Digest32 sha256(ByteView data) {
  Digest32 out;
  digest_into(EVP_sha256(), data, out.data(), out.size(), false);
  return out;
}

Digest32 sha3_256(ByteView data) {
  Digest32 out;
  digest_into(EVP_sha3_256(), data, out.data(), out.size(), false);
  return out;
}

Digest64 sha3_512(ByteView data) {
  Digest64 out;
  digest_into(EVP_sha3_512(), data, out.data(), out.size(), false);
  return out;
}

Bytes shake256(ByteView data, std::size_t out_len) {
  Bytes out(out_len);
  digest_into(EVP_shake256(), data, out.data(), out.size(), true);
  return out;
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("OpenSSL SHA-256 init failed");
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

Sha256& Sha256::update(ByteView data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
  return *this;
}

Digest32 Sha256::finish() {
  Digest32 out;
  auto* c = static_cast<EVP_MD_CTX*>(ctx_);
  EVP_DigestFinal_ex(c, out.data(), nullptr);
  EVP_DigestInit_ex(c, EVP_sha256(), nullptr);
  return out;
}

}  // namespace proofgrid
