#pragma once
// A slow, obvious model of BLS48-581 Fp, Fr and G1 (GMP big integers, affine formulas) that
// the OpenCL kernels are checked against. Test code only.
#include <gmpxx.h>

#include <cstdint>
#include <span>

#include "backends/opencl/layouts.hpp"
#include "engine/common/bytes.hpp"

namespace proofgrid::test::bls {

const mpz_class& p();  // the base field prime
const mpz_class& r();  // the group order

mpz_class from_limbs(std::span<const std::uint64_t> limbs);  // little-endian 64-bit
mpz_class from_be(ByteView bytes);
Bytes to_be(const mpz_class& v, std::size_t len);

opencl::FpLimbs fp_mont(const mpz_class& x);           // x * 2^640 mod p
mpz_class fp_value(const opencl::FpLimbs& a);          // a / 2^640 mod p
opencl::FrLimbs fr_mont(const mpz_class& x);           // x * 2^576 mod r
mpz_class fr_value(const opencl::FrLimbs& a);          // a / 2^576 mod r
opencl::ScalarLimbs scalar_limbs(const mpz_class& x);  // canonical, x < 2^576

struct Point {
  mpz_class x, y;
  bool infinity = true;
  bool operator==(const Point&) const = default;
};

const Point& generator();
Point add(const Point& a, const Point& b);
Point negate(const Point& a);
Point mul(const Point& a, const mpz_class& k);  // double-and-add, k >= 0

// KZG spec 3.2 / 3.3: 74-byte compressed points; decompress throws on malformed input.
Bytes compress(const Point& a);
Point decompress(ByteView bytes);

opencl::G1AffineLimbs affine_limbs(const Point& a);
Point from_jacobian(const opencl::G1JacobianLimbs& j);

}  // namespace proofgrid::test::bls
