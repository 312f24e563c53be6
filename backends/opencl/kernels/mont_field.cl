// Montgomery arithmetic modulo an odd m of NL 64-bit limbs, written once and instantiated per
// field: the host concatenates fp_params.cl, this file, field_end.cl, fr_params.cl, this file...
// Parameters: FIELD (type name and function prefix), NL, FIELD_MODULUS, FIELD_INV
// (-m^-1 mod 2^64), FIELD_ONE (R mod m). Values live in [0, m) in Montgomery form a*R mod m.
// Both moduli leave spare bits in the top limb (581 of 640, 518 of 576), so sums never carry
// out of the top limb and the CIOS product stays below 2m.
#ifndef F_CAT
#define F_CAT2(a, b) a##_##b
#define F_CAT(a, b) F_CAT2(a, b)
#endif
#define F(name) F_CAT(FIELD, name)

typedef struct {
  ulong l[NL];
} FIELD;

__constant ulong F(modulus)[NL] = FIELD_MODULUS;
__constant ulong F(one_limbs)[NL] = FIELD_ONE;

void F(set_zero)(FIELD* r) {
  for (int i = 0; i < NL; ++i) r->l[i] = 0;
}

void F(set_one)(FIELD* r) {
  for (int i = 0; i < NL; ++i) r->l[i] = F(one_limbs)[i];
}

int F(is_zero)(const FIELD* a) {
  ulong acc = 0;
  for (int i = 0; i < NL; ++i) acc |= a->l[i];
  return acc == 0;
}

int F(equal)(const FIELD* a, const FIELD* b) {
  ulong acc = 0;
  for (int i = 0; i < NL; ++i) acc |= a->l[i] ^ b->l[i];
  return acc == 0;
}

// r = t - m when t >= m (t given with an extra top word), else t.
void F(reduce_once)(FIELD* r, const ulong* t, ulong top) {
  ulong d[NL];
  ulong borrow = 0;
  for (int i = 0; i < NL; ++i) d[i] = sub64(t[i], F(modulus)[i], &borrow);
  const int keep_t = (top == 0) & (borrow != 0);
  for (int i = 0; i < NL; ++i) r->l[i] = keep_t ? t[i] : d[i];
}

void F(add)(FIELD* r, const FIELD* a, const FIELD* b) {
  ulong t[NL];
  ulong carry = 0;
  for (int i = 0; i < NL; ++i) t[i] = add64(a->l[i], b->l[i], &carry);
  F(reduce_once)(r, t, carry);
}

void F(sub)(FIELD* r, const FIELD* a, const FIELD* b) {
  ulong t[NL];
  ulong borrow = 0;
  for (int i = 0; i < NL; ++i) t[i] = sub64(a->l[i], b->l[i], &borrow);
  // On borrow add m back; the carry out of that addition cancels the borrow.
  const ulong mask = 0UL - borrow;
  ulong carry = 0;
  for (int i = 0; i < NL; ++i) r->l[i] = add64(t[i], F(modulus)[i] & mask, &carry);
}

void F(neg)(FIELD* r, const FIELD* a) {
  FIELD zero;
  F(set_zero)(&zero);
  F(sub)(r, &zero, a);
}

void F(dbl)(FIELD* r, const FIELD* a) { F(add)(r, a, a); }

// Montgomery product a*b/R mod m, coarsely integrated operand scanning (CIOS).
void F(mul)(FIELD* r, const FIELD* a, const FIELD* b) {
  ulong t[NL + 2];
  for (int i = 0; i < NL + 2; ++i) t[i] = 0;
  for (int i = 0; i < NL; ++i) {
    const ulong bi = b->l[i];
    ulong carry = 0;
    for (int j = 0; j < NL; ++j) t[j] = mac64(a->l[j], bi, t[j], &carry);
    ulong c2 = 0;
    t[NL] = add64(t[NL], carry, &c2);
    t[NL + 1] = c2;
    const ulong m = t[0] * FIELD_INV;
    carry = 0;
    (void)mac64(m, F(modulus)[0], t[0], &carry);  // low word is zero by the choice of m
    for (int j = 1; j < NL; ++j) t[j - 1] = mac64(m, F(modulus)[j], t[j], &carry);
    c2 = 0;
    t[NL - 1] = add64(t[NL], carry, &c2);
    t[NL] = t[NL + 1] + c2;
  }
  F(reduce_once)(r, t, t[NL]);
}

void F(sqr)(FIELD* r, const FIELD* a) { F(mul)(r, a, a); }

// a^(m-2) = a^-1 by Fermat (m is prime); 0 maps to 0. Used once per point, off the hot path.
void F(inv)(FIELD* r, const FIELD* a) {
  FIELD acc;
  F(set_one)(&acc);
  for (int i = NL - 1; i >= 0; --i) {
    const ulong e = (i == 0) ? F(modulus)[0] - 2 : F(modulus)[i];  // m is odd, m[0] >= 3
    for (int bit = 63; bit >= 0; --bit) {
      F(sqr)(&acc, &acc);
      if ((e >> bit) & 1) F(mul)(&acc, &acc, a);
    }
  }
  *r = acc;
}
