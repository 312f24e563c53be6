// The fast CreateDiscriminant: the same prime as the reference walk, found by sieving the
// progression n1 + M·i with small primes before any primality test.
#include <vector>

#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/primality.hpp"
#include "engine/vdf/sieve.hpp"

namespace proofgrid::vdf {

Mpz create_discriminant(ByteView seed, Isa isa) {
  Mpz p = smallest_prime_in_progression(progression_start(seed, kDiscriminantBits), isa);
  mpz_neg(p, p);
  return p;
}

Mpz smallest_prime_in_progression(Mpz n, Isa isa) {
  ProgressionSieve sieve(n);
  std::vector<std::uint8_t> composite;
  // Survivors are tested a batch at a time, in ascending order.
  constexpr std::size_t kBatch = 4;
  std::vector<Mpz> batch(kBatch);
  Mpz step;
  mpz_set_ui(step, kWheelModulus);
  mpz_mul_ui(step, step, ProgressionSieve::kWindow);
  for (;;) {
    sieve.next_window(composite);
    std::size_t filled = 0;
    for (std::size_t i = 0; i <= ProgressionSieve::kWindow; ++i) {
      if (i < ProgressionSieve::kWindow && !composite[i]) {
        mpz_set_ui(batch[filled], kWheelModulus);
        mpz_mul_ui(batch[filled], batch[filled], i);
        mpz_add(batch[filled], batch[filled], n);
        ++filled;
      }
      if (filled == kBatch || (i == ProgressionSieve::kWindow && filled > 0)) {
        const std::size_t k = first_probable_prime(std::span<const Mpz>(batch.data(), filled), isa);
        if (k < filled) return batch[k];
        filled = 0;
      }
    }
    mpz_add(n, n, step);
  }
}

}  // namespace proofgrid::vdf
