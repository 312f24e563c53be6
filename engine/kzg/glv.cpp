#include "engine/kzg/glv.hpp"

#include <gmp.h>

#include <stdexcept>

#include "engine/kzg/field_params.hpp"

namespace proofgrid::kzg {
namespace {

struct Mpz {
  mpz_t v;
  Mpz() { mpz_init(v); }
  ~Mpz() { mpz_clear(v); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
};

template <std::size_t N>
void to_limbs(const mpz_t v, Limbs<N>& out) {
  out = {};
  if (mpz_sizeinbase(v, 2) > 64 * N) throw std::logic_error("glv: value wider than expected");
  std::size_t count = 0;
  mpz_export(out.data(), &count, -1, sizeof(std::uint64_t), 0, 0, v);
}

}  // namespace

const Limbs<kGlvLimbs>& glv_u8() {
  static const Limbs<kGlvLimbs> u8 = [] {
    Mpz u;
    mpz_set_ui(u.v, 0x140000381UL);
    mpz_pow_ui(u.v, u.v, 8);
    Limbs<kGlvLimbs> out;
    to_limbs(u.v, out);
    return out;
  }();
  return u8;
}

GlvSplit glv_split(const Scalar& k) {
  if (!limbs_less(k, kGroupOrder)) throw std::invalid_argument("glv_split: scalar is not below r");
  Mpz kk, d, q, rem;
  mpz_import(kk.v, k.size(), -1, sizeof(std::uint64_t), 0, 0, k.data());
  const auto& u8 = glv_u8();
  mpz_import(d.v, u8.size(), -1, sizeof(std::uint64_t), 0, 0, u8.data());
  mpz_tdiv_qr(q.v, rem.v, kk.v, d.v);
  GlvSplit s;
  to_limbs(rem.v, s.k1);
  to_limbs(q.v, s.k2);
  return s;
}

}  // namespace proofgrid::kzg
