#include "engine/kzg/fp_tower.hpp"

namespace proofgrid::kzg {

std::array<Fp, 8> coefficients(const Fp8& a) {
  return {a.c0.c0.c0, a.c0.c0.c1, a.c0.c1.c0, a.c0.c1.c1, a.c1.c0.c0, a.c1.c0.c1, a.c1.c1.c0, a.c1.c1.c1};
}

Fp8 from_coefficients(const std::array<Fp, 8>& c) {
  return Fp8{Fp4{Fp2{c[0], c[1]}, Fp2{c[2], c[3]}}, Fp4{Fp2{c[4], c[5]}, Fp2{c[6], c[7]}}};
}

}  // namespace proofgrid::kzg
