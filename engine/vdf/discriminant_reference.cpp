#include <array>
#include <stdexcept>

#include "engine/common/hash.hpp"
#include "engine/vdf/discriminant.hpp"

namespace proofgrid::vdf {
namespace {

std::array<std::uint32_t, 5760> build_residues() {
  std::array<std::uint32_t, 5760> out{};
  std::size_t n = 0;
  for (std::uint32_t r = 7; r < kWheelModulus; r += 8) {
    if (r % 3 && r % 5 && r % 7 && r % 11 && r % 13) out.at(n++) = r;
  }
  if (n != out.size()) throw std::logic_error("wheel residue table has the wrong size");
  return out;
}

}  // namespace

std::span<const std::uint32_t> wheel_residues() {
  static const std::array<std::uint32_t, 5760> table = build_residues();
  return table;
}

Mpz progression_start(ByteView seed, unsigned bits) {
  if (bits < 16) throw std::invalid_argument("discriminant size must be at least 16 bits");
  // Step 1: expand the seed with SHA-256(seed ‖ BE16(k)) blocks.
  const std::size_t need = (bits + 7) / 8 + 2;
  Bytes expanded;
  Bytes block(seed.begin(), seed.end());
  block.resize(seed.size() + 2);
  for (unsigned k = 0; expanded.size() < need; ++k) {
    block[seed.size()] = static_cast<std::uint8_t>(k >> 8);
    block[seed.size() + 1] = static_cast<std::uint8_t>(k);
    append(expanded, sha256(block));
  }
  expanded.resize(need);
  // Step 2: split into n0 and a 16-bit index.
  Mpz n = mpz_from_be(expanded.data(), need - 2);
  mpz_fdiv_q_2exp(n, n, (8 - bits % 8) % 8);
  const std::uint32_t idx = (std::uint32_t{expanded[need - 2]} << 8) | expanded[need - 1];
  // Steps 3-5: force the top bit, then move onto the residue class (literally, see §3.5).
  const std::uint32_t res = wheel_residues()[idx % wheel_residues().size()];
  mpz_setbit(n, bits - 1);
  const unsigned long rem = mpz_fdiv_ui(n, kWheelModulus);
  mpz_sub_ui(n, n, rem);
  mpz_add_ui(n, n, res);
  return n;
}

Mpz create_discriminant_reference(ByteView seed, unsigned bits) {
  Mpz n = progression_start(seed, bits);
  while (mpz_probab_prime_p(n, 1) == 0) mpz_add_ui(n, n, kWheelModulus);
  mpz_neg(n, n);
  return n;
}

}  // namespace proofgrid::vdf
