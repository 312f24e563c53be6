// Signed multi-precision integers for the class-group VDF: 32-bit limbs with 64-bit products
// (the natural width on GPUs), sign and magnitude, fixed capacity. One work-item owns its
// numbers in private memory. Forms of a 2048-bit discriminant need at most ~2050 bits
// (c can reach |D|/8 while a is small); BN_LIMBS leaves headroom and every operation that
// could outgrow it reports instead of writing past the end.
#define BN_LIMBS 68

// value = (neg ? -1 : 1) * sum d[i] 2^(32 i) for i < n; d[n-1] != 0; zero is n = 0, neg = 0.
typedef struct {
  uint d[BN_LIMBS];
  int n;
  int neg;
} bn;

void bn_zero(bn* r) {
  r->n = 0;
  r->neg = 0;
}

void bn_set_u32(bn* r, uint v) {
  r->d[0] = v;
  r->n = v ? 1 : 0;
  r->neg = 0;
}

void bn_copy(bn* r, const bn* a) {
  for (int i = 0; i < a->n; ++i) r->d[i] = a->d[i];
  r->n = a->n;
  r->neg = a->neg;
}

void bn_trim(bn* r) {
  while (r->n > 0 && r->d[r->n - 1] == 0) --r->n;
  if (r->n == 0) r->neg = 0;
}

void bn_negate(bn* r) {
  if (r->n) r->neg ^= 1;
}

int bn_bits(const bn* a) { return a->n == 0 ? 0 : 32 * a->n - (int)clz(a->d[a->n - 1]); }

int bn_is_one(const bn* a) { return a->n == 1 && a->d[0] == 1 && !a->neg; }

// Compares |a| and |b|: -1, 0 or 1.
int bn_cmp_mag(const bn* a, const bn* b) {
  if (a->n != b->n) return a->n > b->n ? 1 : -1;
  for (int i = a->n - 1; i >= 0; --i)
    if (a->d[i] != b->d[i]) return a->d[i] > b->d[i] ? 1 : -1;
  return 0;
}

// Signed comparison.
int bn_cmp(const bn* a, const bn* b) {
  if (a->neg != b->neg) return a->neg ? -1 : 1;
  const int m = bn_cmp_mag(a, b);
  return a->neg ? -m : m;
}

// |r| = |x| + |y|, sign untouched; r may alias x or y. Returns 1 on overflow.
int bn_mag_add(bn* r, const bn* x, const bn* y) {
  if (x->n < y->n) {
    const bn* t = x;
    x = y;
    y = t;
  }
  const int xn = x->n, yn = y->n;
  ulong carry = 0;
  int i = 0;
  for (; i < yn; ++i) {
    const ulong s = (ulong)x->d[i] + y->d[i] + carry;
    r->d[i] = (uint)s;
    carry = s >> 32;
  }
  for (; i < xn; ++i) {
    const ulong s = (ulong)x->d[i] + carry;
    r->d[i] = (uint)s;
    carry = s >> 32;
  }
  r->n = xn;
  if (carry) {
    if (xn >= BN_LIMBS) return 1;
    r->d[xn] = 1;
    r->n = xn + 1;
  }
  return 0;
}

// |r| = |x| - |y| for |x| >= |y|, sign untouched; r may alias x or y.
void bn_mag_sub(bn* r, const bn* x, const bn* y) {
  const int xn = x->n, yn = y->n;
  ulong borrow = 0;
  int i = 0;
  for (; i < yn; ++i) {
    const ulong s = (ulong)x->d[i] - y->d[i] - borrow;
    r->d[i] = (uint)s;
    borrow = s >> 63;
  }
  for (; i < xn; ++i) {
    const ulong s = (ulong)x->d[i] - borrow;
    r->d[i] = (uint)s;
    borrow = s >> 63;
  }
  r->n = xn;
  bn_trim(r);
}

// r = a + (flip ? -b : b); r may alias a or b. Returns 1 on overflow.
int bn_add_signed(bn* r, const bn* a, const bn* b, int flip) {
  const int an = a->neg, bneg = b->n ? (b->neg ^ flip) : 0;
  if (an == bneg) {
    const int err = bn_mag_add(r, a, b);
    r->neg = r->n ? an : 0;
    return err;
  }
  const int c = bn_cmp_mag(a, b);
  if (c == 0) {
    bn_zero(r);
  } else if (c > 0) {
    bn_mag_sub(r, a, b);
    r->neg = r->n ? an : 0;
  } else {
    bn_mag_sub(r, b, a);
    r->neg = r->n ? bneg : 0;
  }
  return 0;
}

int bn_add(bn* r, const bn* a, const bn* b) { return bn_add_signed(r, a, b, 0); }
int bn_sub(bn* r, const bn* a, const bn* b) { return bn_add_signed(r, a, b, 1); }

// r = a * b; r must not alias a or b. Returns 1 (and r = 0) when the product may not fit.
int bn_mul(bn* r, const bn* a, const bn* b) {
  if (a->n == 0 || b->n == 0) {
    bn_zero(r);
    return 0;
  }
  const int n = a->n + b->n;
  if (n > BN_LIMBS) {
    bn_zero(r);
    return 1;
  }
  for (int i = 0; i < n; ++i) r->d[i] = 0;
  for (int i = 0; i < a->n; ++i) {
    const ulong ai = a->d[i];
    ulong carry = 0;
    for (int j = 0; j < b->n; ++j) {
      const ulong t = ai * b->d[j] + r->d[i + j] + carry;
      r->d[i + j] = (uint)t;
      carry = t >> 32;
    }
    r->d[i + b->n] = (uint)carry;
  }
  r->n = n;
  r->neg = a->neg ^ b->neg;
  bn_trim(r);
  return 0;
}

// r = a * 2^k (0 <= k < 32); r may alias a. Returns 1 on overflow.
int bn_shl_small(bn* r, const bn* a, int k) {
  const int n = a->n;
  if (k == 0 || n == 0) {
    bn_copy(r, a);
    return 0;
  }
  const uint top = a->d[n - 1] >> (32 - k);
  for (int i = n - 1; i > 0; --i) r->d[i] = (a->d[i] << k) | (a->d[i - 1] >> (32 - k));
  r->d[0] = a->d[0] << k;
  r->n = n;
  r->neg = a->neg;
  if (top) {
    if (n >= BN_LIMBS) return 1;
    r->d[n] = top;
    r->n = n + 1;
  }
  return 0;
}
