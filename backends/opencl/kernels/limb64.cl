// 64-bit limb primitives for the Montgomery fields (OpenCL C 1.2, 64-bit integers).
// mul_hi gives the high half of a 64x64 product, so no 128-bit type is needed.

// Returns the low word of a*b + c + *carry and leaves the high word in *carry.
// (2^64-1)^2 + 2*(2^64-1) = 2^128 - 1, so the high word never overflows.
ulong mac64(ulong a, ulong b, ulong c, ulong* carry) {
  ulong lo = a * b;
  ulong hi = mul_hi(a, b);
  lo += c;
  hi += (lo < c);
  lo += *carry;
  hi += (lo < *carry);
  *carry = hi;
  return lo;
}

// x + y + *carry (carry in {0,1}); the carry out replaces *carry.
ulong add64(ulong x, ulong y, ulong* carry) {
  ulong s = x + *carry;
  ulong c = (s < x);
  s += y;
  *carry = c | (s < y);
  return s;
}

// x - y - *borrow (borrow in {0,1}); the borrow out replaces *borrow.
ulong sub64(ulong x, ulong y, ulong* borrow) {
  ulong d = x - y;
  ulong b = (x < y);
  ulong r = d - *borrow;
  *borrow = b | (d < *borrow);
  return r;
}
