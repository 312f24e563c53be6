#pragma once
// The spec's primality predicate (§2): a Baillie–PSW test, identical in its answers to GMP's
// mpz_probab_prime_p(n, 1) != 0.
#include "engine/vdf/mpz.hpp"

namespace proofgrid::vdf {

bool is_probable_prime(const Mpz& n);

}  // namespace proofgrid::vdf
