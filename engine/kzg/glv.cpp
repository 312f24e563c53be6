#include "engine/kzg/glv.hpp"

#include <stdexcept>

#include "engine/kzg/field_params.hpp"
#include "engine/kzg/gmp_util.hpp"

namespace proofgrid::kzg {
const Limbs<kGlvLimbs>& glv_u8() {
  static const Limbs<kGlvLimbs> u8 = [] {
    Mpz u;
    mpz_set_ui(u.v, 0x140000381UL);
    mpz_pow_ui(u.v, u.v, 8);
    return u.limbs<kGlvLimbs>();
  }();
  return u8;
}

GlvSplit glv_split(const Scalar& k) {
  if (!limbs_less(k, kGroupOrder)) throw std::invalid_argument("glv_split: scalar is not below r");
  Mpz kk(k), d(glv_u8()), q, rem;
  mpz_tdiv_qr(q.v, rem.v, kk.v, d.v);
  return GlvSplit{rem.limbs<kGlvLimbs>(), q.limbs<kGlvLimbs>()};
}

}  // namespace proofgrid::kzg
