// Montgomery arithmetic modulo an odd m, written once and instantiated per field: the host
// concatenates fp_params.cl, this file, field_end.cl, fr_params.cl, this file, ...
// Parameters: FIELD (type name and function prefix), NW (32-bit words), FIELD_MODULUS,
// FIELD_INV (-m^-1 mod 2^32), FIELD_ONE (R mod m, R = 2^(32 NW)). Values live in [0, m) in
// Montgomery form a R mod m.
// 32-bit words with 64-bit products: native on GPUs and on CPUs alike (PoCL's 64-bit mul_hi
// is several times slower than a 32x32->64 multiply). Both moduli leave spare top bits, so
// sums never carry out of the top word and the CIOS product stays below 2m.
#ifndef F_CAT
#define F_CAT2(a, b) a##_##b
#define F_CAT(a, b) F_CAT2(a, b)
#endif
#define F(name) F_CAT(FIELD, name)

typedef struct {
  uint l[NW];
} FIELD;

__constant uint F(modulus)[NW] = FIELD_MODULUS;
__constant uint F(one_words)[NW] = FIELD_ONE;

void F(set_zero)(FIELD* r) {
  for (int i = 0; i < NW; ++i) r->l[i] = 0;
}

void F(set_one)(FIELD* r) {
  for (int i = 0; i < NW; ++i) r->l[i] = F(one_words)[i];
}

int F(is_zero)(const FIELD* a) {
  uint acc = 0;
  for (int i = 0; i < NW; ++i) acc |= a->l[i];
  return acc == 0;
}

// r = t - m when t >= m (t given with an extra top word), else t.
void F(reduce_once)(FIELD* r, const uint* t, uint top) {
  uint d[NW];
  ulong borrow = 0;
  for (int i = 0; i < NW; ++i) {
    const ulong s = (ulong)t[i] - F(modulus)[i] - borrow;
    d[i] = (uint)s;
    borrow = s >> 63;
  }
  const int keep_t = (top == 0) & (borrow != 0);
  for (int i = 0; i < NW; ++i) r->l[i] = keep_t ? t[i] : d[i];
}

void F(add)(FIELD* r, const FIELD* a, const FIELD* b) {
  uint t[NW];
  ulong carry = 0;
  for (int i = 0; i < NW; ++i) {
    const ulong s = (ulong)a->l[i] + b->l[i] + carry;
    t[i] = (uint)s;
    carry = s >> 32;
  }
  F(reduce_once)(r, t, (uint)carry);
}

void F(sub)(FIELD* r, const FIELD* a, const FIELD* b) {
  uint t[NW];
  ulong borrow = 0;
  for (int i = 0; i < NW; ++i) {
    const ulong s = (ulong)a->l[i] - b->l[i] - borrow;
    t[i] = (uint)s;
    borrow = s >> 63;
  }
  // On borrow add m back; the carry out of that addition cancels the borrow.
  const uint mask = 0u - (uint)borrow;
  ulong carry = 0;
  for (int i = 0; i < NW; ++i) {
    const ulong s = (ulong)t[i] + (F(modulus)[i] & mask) + carry;
    r->l[i] = (uint)s;
    carry = s >> 32;
  }
}

void F(neg)(FIELD* r, const FIELD* a) {
  FIELD zero;
  F(set_zero)(&zero);
  F(sub)(r, &zero, a);
}

void F(dbl)(FIELD* r, const FIELD* a) { F(add)(r, a, a); }

// Montgomery product a b / R mod m, coarsely integrated operand scanning (CIOS).
void F(mul)(FIELD* r, const FIELD* a, const FIELD* b) {
  uint t[NW + 2];
  for (int i = 0; i < NW + 2; ++i) t[i] = 0;
  for (int i = 0; i < NW; ++i) {
    const ulong bi = b->l[i];
    ulong carry = 0;
    for (int j = 0; j < NW; ++j) {
      const ulong s = a->l[j] * bi + t[j] + carry;
      t[j] = (uint)s;
      carry = s >> 32;
    }
    ulong s = (ulong)t[NW] + carry;
    t[NW] = (uint)s;
    t[NW + 1] = (uint)(s >> 32);
    const ulong m = (uint)(t[0] * FIELD_INV);
    s = m * F(modulus)[0] + t[0];  // low word is zero by the choice of m
    carry = s >> 32;
    for (int j = 1; j < NW; ++j) {
      s = m * F(modulus)[j] + t[j] + carry;
      t[j - 1] = (uint)s;
      carry = s >> 32;
    }
    s = (ulong)t[NW] + carry;
    t[NW - 1] = (uint)s;
    t[NW] = t[NW + 1] + (uint)(s >> 32);
  }
  F(reduce_once)(r, t, t[NW]);
}

void F(sqr)(FIELD* r, const FIELD* a) { F(mul)(r, a, a); }

// a^(m-2) = a^-1 by Fermat (m is prime); 0 maps to 0. Used once per point, off the hot path.
void F(inv)(FIELD* r, const FIELD* a) {
  FIELD acc;
  F(set_one)(&acc);
  for (int i = NW - 1; i >= 0; --i) {
    const uint e = (i == 0) ? F(modulus)[0] - 2 : F(modulus)[i];  // m is odd, m[0] >= 3
    for (int bit = 31; bit >= 0; --bit) {
      F(sqr)(&acc, &acc);
      if ((e >> bit) & 1) F(mul)(&acc, &acc, a);
    }
  }
  *r = acc;
}
