#pragma once
// Group law on G1 of BLS48-581 (a = 0, b = 1), the endomorphism and subgroup membership.
#include <span>

#include "engine/kzg/field.hpp"
#include "engine/kzg/g1_types.hpp"

namespace proofgrid::kzg {

// The standard generator (spec §2.2), equal to G1Powers[0] of the ceremony.
const G1Affine& g1_generator();

// beta: the cube root of unity in Fp with phi(x, y) = (beta*x, y) acting as multiplication by
// lambda = -u^8 mod r on G1 (u the curve seed). Derived in docs/kzg.md; checked by tests.
const Fp& g1_beta();

inline bool is_infinity(const G1Jacobian& p) { return is_zero(p.Z); }

G1Jacobian to_jacobian(const G1Affine& p);
G1Affine to_affine(const G1Jacobian& p);
// Converts many points with one field inversion.
void batch_to_affine(std::span<const G1Jacobian> in, std::span<G1Affine> out);

G1Affine neg(const G1Affine& p);
G1Jacobian neg(const G1Jacobian& p);

G1Jacobian dbl(const G1Jacobian& p);
G1Jacobian add(const G1Jacobian& p, const G1Jacobian& q);
G1Jacobian add_mixed(const G1Jacobian& p, const G1Affine& q);

// Group equality (compares X1 Z2^2 = X2 Z1^2 and Y1 Z2^3 = Y2 Z1^3).
bool equal(const G1Jacobian& p, const G1Jacobian& q);
bool equal(const G1Affine& p, const G1Affine& q);

bool on_curve(const G1Affine& p);

// phi(x, y) = (beta*x, y), equal to lambda*P on G1.
G1Affine endomorphism(const G1Affine& p);

// k*P for a canonical scalar of any size below 2^576 (signed 4-bit windows; not constant time:
// every scalar in this engine is public).
G1Jacobian scalar_mul(const G1Affine& p, const Scalar& k);

// P is in the order-r subgroup iff phi(P) = -u^8 * P: the endomorphism phi + u^8 has degree
// u^16 - u^8 + 1 = r, so its kernel is exactly G1 (docs/kzg.md). About a third of the cost
// of r*P.
bool in_subgroup(const G1Affine& p);

}  // namespace proofgrid::kzg
