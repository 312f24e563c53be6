#pragma once
// G1 point layouts shared by every backend. Coordinates are Fp in Montgomery form
// (field_types.hpp). E: y^2 = x^3 + 1 over Fp.
#include "engine/kzg/field_types.hpp"

namespace proofgrid::kzg {

// Affine point; `infinity` marks the neutral element (x and y are then ignored).
struct G1Affine {
  Fp x;
  Fp y;
  bool infinity = true;
};

// Jacobian coordinates (x = X/Z^2, y = Y/Z^3); Z == 0 is the neutral element, which is what a
// default-constructed value holds.
struct G1Jacobian {
  Fp X;
  Fp Y;
  Fp Z;
};

}  // namespace proofgrid::kzg
