#include "engine/vdf/primality.hpp"

namespace proofgrid::vdf {

bool is_probable_prime(const Mpz& n) { return mpz_probab_prime_p(n, 1) != 0; }

}  // namespace proofgrid::vdf
