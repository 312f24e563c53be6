#pragma once
// Shared by NUDUPL and NUCOMP (internal): the new form from a reduced basis of the lattice Λ.
#include "engine/vdf/fast_form.hpp"
#include "engine/vdf/lehmer.hpp"

namespace proofgrid::vdf::lattice {

// The coefficients of Q(u, y) = (p·u² + (h + s)·u·y + k·y²)/m on Λ, split so that every
// division is exact: Q = u·e + y·g with e = (p·u + h·y)/m and g = (s·u + k·y)/m.
// For a square (p = m, h = 0) e is u itself and `square` skips computing it.
struct Quadratic {
  const limbs::Nat* m;
  const limbs::Nat* p;
  const limbs::Int* h;
  const limbs::Int* s;
  const limbs::Nat* k;
  bool square;
};

// Writes (Q(s0), ±polar(s0, s1), Q(s1)) for the basis left in `st` by the partial Euclid on
// (m, μ) started with cofactors (0, −1); the sign makes the basis properly oriented.
void form_from_basis(FastForm& out, const lehmer::State& st, const Quadratic& q);

}  // namespace proofgrid::vdf::lattice
