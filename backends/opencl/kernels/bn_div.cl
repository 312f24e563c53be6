// Division of the bn integers: schoolbook long division (Knuth, TAOCP 4.3.1, algorithm D)
// on magnitudes, then the rounding the class-group formulas ask for.

// |a| = q |b| + r with 0 <= r < |b|, magnitudes only (q, r non-negative). b != 0.
// q and r may be null; neither may alias a or b.
void bn_divmod_mag(bn* q, bn* r, const bn* a, const bn* b) {
  const int n = b->n, an = a->n;
  if (bn_cmp_mag(a, b) < 0) {
    if (q) bn_zero(q);
    if (r) {
      bn_copy(r, a);
      r->neg = 0;
    }
    return;
  }
  if (n == 1) {  // one-limb divisor: plain short division
    const ulong v = b->d[0];
    ulong rem = 0;
    for (int i = an - 1; i >= 0; --i) {
      const ulong cur = (rem << 32) | a->d[i];
      if (q) q->d[i] = (uint)(cur / v);
      rem = cur % v;
    }
    if (q) {
      q->n = an;
      q->neg = 0;
      bn_trim(q);
    }
    if (r) bn_set_u32(r, (uint)rem);
    return;
  }
  // Normalise so the divisor's top limb has its high bit set; then each quotient digit
  // estimated from the top two limbs is at most 2 too large.
  const int s = (int)clz(b->d[n - 1]);
  uint v[BN_LIMBS];
  uint u[BN_LIMBS + 1];
  for (int i = n - 1; i > 0; --i) v[i] = s ? (b->d[i] << s) | (b->d[i - 1] >> (32 - s)) : b->d[i];
  v[0] = b->d[0] << s;
  u[an] = s ? a->d[an - 1] >> (32 - s) : 0;
  for (int i = an - 1; i > 0; --i) u[i] = s ? (a->d[i] << s) | (a->d[i - 1] >> (32 - s)) : a->d[i];
  u[0] = a->d[0] << s;

  const ulong vtop = v[n - 1], vnext = v[n - 2];
  for (int j = an - n; j >= 0; --j) {
    const ulong num = ((ulong)u[j + n] << 32) | u[j + n - 1];
    ulong qhat = num / vtop;
    ulong rhat = num - qhat * vtop;
    while (qhat > 0xffffffffUL || qhat * vnext > ((rhat << 32) | u[j + n - 2])) {
      --qhat;
      rhat += vtop;
      if (rhat > 0xffffffffUL) break;
    }
    // u[j .. j+n] -= qhat * v
    ulong carry = 0, borrow = 0;
    for (int i = 0; i < n; ++i) {
      const ulong p = qhat * v[i] + carry;
      carry = p >> 32;
      const ulong t = (ulong)u[i + j] - (uint)p - borrow;
      u[i + j] = (uint)t;
      borrow = t >> 63;
    }
    const ulong t = (ulong)u[j + n] - carry - borrow;
    u[j + n] = (uint)t;
    if (t >> 63) {  // qhat was one too large: add v back
      --qhat;
      ulong c = 0;
      for (int i = 0; i < n; ++i) {
        const ulong s2 = (ulong)u[i + j] + v[i] + c;
        u[i + j] = (uint)s2;
        c = s2 >> 32;
      }
      u[j + n] += (uint)c;
    }
    if (q) q->d[j] = (uint)qhat;
  }
  if (q) {
    q->n = an - n + 1;
    q->neg = 0;
    bn_trim(q);
  }
  if (r) {
    for (int i = 0; i < n; ++i) r->d[i] = s ? (u[i] >> s) | (u[i + 1] << (32 - s)) : u[i];
    r->n = n;
    r->neg = 0;
    bn_trim(r);
  }
}

// Rounds a magnitude quotient toward minus infinity for a negative exact quotient:
// q <- q + 1, r <- |b| - r (only called when r != 0).
void bn_round_down(bn* q, bn* r, const bn* b) {
  bn one;
  bn_set_u32(&one, 1);
  bn_mag_add(q, q, &one);
  bn_mag_sub(r, b, r);
}

// Floor division: q = floor(a / b), r = a - q b (r has the sign of b). b != 0; q and r are
// required and must not alias a or b.
void bn_divmod_floor(bn* q, bn* r, const bn* a, const bn* b) {
  bn_divmod_mag(q, r, a, b);
  const int q_neg = a->neg ^ b->neg;
  if (q_neg && r->n) bn_round_down(q, r, b);
  q->neg = q->n ? q_neg : 0;
  r->neg = r->n ? b->neg : 0;
}

// Euclidean division: a = q b + r with 0 <= r < |b| (Cohen's convention in PARTEUCL).
void bn_divmod_euclid(bn* q, bn* r, const bn* a, const bn* b) {
  bn_divmod_mag(q, r, a, b);
  if (a->neg && r->n) bn_round_down(q, r, b);
  q->neg = q->n ? (a->neg ^ b->neg) : 0;
  r->neg = 0;
}

// Exact division q = a / b (b divides a). Returns 1 when it does not (an arithmetic fault).
int bn_div_exact(bn* q, const bn* a, const bn* b) {
  bn rr;
  bn_divmod_mag(q, &rr, a, b);
  q->neg = q->n ? (a->neg ^ b->neg) : 0;
  return rr.n != 0;
}
