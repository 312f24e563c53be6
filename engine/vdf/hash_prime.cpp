#include "engine/vdf/hash_prime.hpp"

#include "engine/common/hash.hpp"

namespace proofgrid::vdf {

Mpz to_mpz(U128 v) {
  Mpz out;
  mpz_set_ui(out, v.hi);
  mpz_mul_2exp(out, out, 64);
  mpz_add_ui(out, out, v.lo);
  return out;
}

bool is_prime_u128(U128 n) { return mpz_probab_prime_p(to_mpz(n), 1) != 0; }

U128 hash_prime(const EncodedForm& x, const EncodedForm& y, std::uint32_t difficulty) {
  static constexpr std::uint8_t kTag[] = {'p', 'r', 'i', 'm', 'e'};
  std::uint8_t t_be[4];
  for (int i = 0; i < 4; ++i) t_be[i] = static_cast<std::uint8_t>(difficulty >> (24 - 8 * i));
  Sha256 h;
  for (std::uint64_t j = 0;; ++j) {
    std::uint8_t j_be[8];
    for (int i = 0; i < 8; ++i) j_be[i] = static_cast<std::uint8_t>(j >> (56 - 8 * i));
    h.update(kTag).update(j_be).update(x).update(y).update(t_be);
    const Digest32 digest = h.finish();
    U128 n;
    for (int i = 0; i < 8; ++i) n.hi = (n.hi << 8) | digest[i];
    for (int i = 8; i < 16; ++i) n.lo = (n.lo << 8) | digest[i];
    if (is_prime_u128(n)) return n;
  }
}

}  // namespace proofgrid::vdf
