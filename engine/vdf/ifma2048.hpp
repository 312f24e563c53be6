#pragma once
// Montgomery arithmetic modulo odd 2048-bit numbers with AVX-512 IFMA (vpmadd52{l,h}uq), for
// the primality tests of CreateDiscriminant, where a 2048-bit exponentiation is the unit of
// work. Numbers are 40 digits of 52 bits (R = 2^2080) held as five 8-lane vectors; the
// multiplication is word-serial "almost Montgomery" (Gueron–Krasnov): results stay below 2n,
// and any input below 2^16·n is accepted (a·b < R·n), so sums, doublings and small multiples
// need no reduction.
//
// Only compiled for the target per function and used after supported() said yes: the default
// build stays x86-64 baseline. Callers choose the level (engine/common/isa.hpp): the primality
// tests run here only at Isa::kAvx512Ifma.
#include <cstdint>

#include "engine/vdf/mpz.hpp"

namespace proofgrid::vdf::ifma {

inline constexpr int kDigits = 40;
inline constexpr int kDigitBits = 52;

struct alignas(64) Num {
  std::uint64_t d[kDigits];
};

struct Modulus {
  Num n;
  std::uint64_t k0 = 0;  // −n⁻¹ mod 2^52
  Num one;               // R mod n (Montgomery form of 1)
  Num r2;                // R² mod n (to enter the Montgomery domain)
  Mpz value;
};

// Whether this CPU runs these functions (isa_supported(Isa::kAvx512Ifma)).
bool supported();

// n odd, 2^2040 < n < 2^2048.
void setup(Modulus& m, const Mpz& n);

// Conversions between Mpz and digits (values below 2^2080).
void to_digits(Num& out, const Mpz& v);
Mpz from_digits(const Num& v);

// out ≡ a·b·R⁻¹ (mod n), out < 2n.
void mul(Num& out, const Num& a, const Num& b, const Modulus& m);
// Two independent products at once (the latency of one hides in the other).
void mul2(Num& out0, const Num& a0, const Num& b0, const Modulus& m0, Num& out1, const Num& a1,
          const Num& b1, const Modulus& m1);

// Three independent products modulo the same n (outputs may alias inputs).
void mul3(Num& out0, const Num& a0, const Num& b0, Num& out1, const Num& a1, const Num& b1,
          Num& out2, const Num& a2, const Num& b2, const Modulus& m);

// a + b, a − b + 2^10·n (needs b < 2^10·n), 2a, and a/2 (mod n).
void add(Num& out, const Num& a, const Num& b);
void sub(Num& out, const Num& a, const Num& b, const Modulus& m);
void twice(Num& out, const Num& a);
void half(Num& out, const Num& a, const Modulus& m);

// c·a (mod n) for a small constant |c| < 2^11 (no Montgomery factor involved); a < 4n.
void mul_small(Num& out, const Num& a, long c, const Modulus& m);

// The residue of a Montgomery representative, fully reduced to [0, n).
Mpz residue(const Num& mont, const Modulus& m);

// Strong probable-prime test to base 2 for n ≡ 3 (mod 4): 2^((n−1)/2) ≡ ±1 (mod n).
// Two candidates at once; both moduli set up with setup().
void sprp2_pair(const Modulus& m0, bool& ok0, const Modulus& m1, bool& ok1);
bool sprp2(const Modulus& m);

}  // namespace proofgrid::vdf::ifma
