#include "engine/kzg/domain.hpp"

#include <stdexcept>
#include <string>

#include "engine/kzg/field.hpp"
#include "engine/kzg/gmp_util.hpp"

namespace proofgrid::kzg {

bool is_supported_poly_size(std::size_t n) {
  return (n >= 16 && n <= kMaxRealDomain && (n & (n - 1)) == 0) || n == 2048 || n == 65536;
}

bool is_real_domain(std::size_t n) { return is_supported_poly_size(n) && n <= kMaxRealDomain; }

void require_supported_poly_size(std::size_t n) {
  if (!is_supported_poly_size(n)) {
    throw std::invalid_argument("polynomial size " + std::to_string(n) +
                                " is not supported: use 16, 32, 64, 128, 256, 512 or 1024 (2048 and "
                                "65536 exist only for compatibility with the reference)");
  }
}

Fr root_of_unity(std::size_t n) {
  require_supported_poly_size(n);
  // floor((r - 1) / N): r - 1 shifted right by log2(N) (truncating, as the reference does).
  Mpz e(kGroupOrder);
  mpz_sub_ui(e.v, e.v, 1);
  mpz_fdiv_q_ui(e.v, e.v, static_cast<unsigned long>(n));
  return pow(from_u64<Fr>(37), e.limbs<Fr::kLimbs>());
}

std::vector<Fr> roots_table(std::size_t n) {
  const Fr omega = root_of_unity(n);
  std::vector<Fr> t(n + 1);
  t[0] = field_one<Fr>();
  for (std::size_t j = 1; j < n; ++j) t[j] = t[j - 1] * omega;
  t[n] = field_one<Fr>();  // the literal 1, not omega^N (they differ for pseudo-roots)
  return t;
}

}  // namespace proofgrid::kzg
