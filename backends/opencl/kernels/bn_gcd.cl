// Extended Euclid for NUDUPL: the inverse of b modulo a, and Cohen's partial reduction
// PARTEUCL (Sub-algorithm 5.4.6), which stops once the remainder is at most a bound L.
// While the numbers are long, Lehmer's method (Knuth, TAOCP 4.5.2, Algorithm L) runs ~20
// Euclid steps on 62-bit leading parts and applies them as one 2x2 matrix; the quotients are
// the exact ones, so the remainder and cofactor sequence is the plain algorithm's.

#define LEHMER_BITS 62
#define LEHMER_LIMIT 0x7fffffffL  // matrix entries stay below 2^31 (32x32-bit limb products)

// floor(a / 2^shift) for a >= 0 when the result fits 64 bits.
ulong bn_shr_to_u64(const bn* a, int shift) {
  const int w = shift >> 5, b = shift & 31;
  const ulong lo = w < a->n ? a->d[w] : 0;
  const ulong mid = w + 1 < a->n ? a->d[w + 1] : 0;
  const ulong hi = w + 2 < a->n ? a->d[w + 2] : 0;
  if (b == 0) return lo | (mid << 32);
  return (lo >> b) | (mid << (32 - b)) | (hi << (64 - b));
}

// Algorithm L's inner loop on the leading parts u >= v of two remainders: the largest k for
// which both quotient estimates agree (so they are the true quotients) and the matrix
// m = {A, B, C, D} (new r0 = A r0 + B r1, new r1 = C r0 + D r1) stays below LEHMER_LIMIT.
int lehmer_matrix(long u, long v, long* m) {
  long a = 1, b = 0, c = 0, d = 1;
  int k = 0;
  for (;;) {
    const long vc = v + c, vd = v + d, ua = u + a, ub = u + b;
    if (vc <= 0 || vd <= 0 || ua < 0 || ub < 0) break;
    // Most quotients are 1 or 2 (Gauss-Kuzmin: ~58%); find those by subtraction, because a
    // 64-bit division is a long software routine on GPUs.
    const long ra = ua - vc, rb = ub - vd;  // what is left after one subtraction
    if (ra < 0 || rb < 0) break;             // a quotient 0 is no Euclid step
    long q;
    if (ra < vc && rb < vd) {
      q = 1;
    } else if (ra >= vc && rb >= vd && ra - vc < vc && rb - vd < vd) {
      q = 2;
    } else {
      q = ua / vc;
      if (q != ub / vd) break;
    }
    if (q >= LEHMER_LIMIT) break;
    const long nc = a - q * c, nd = b - q * d;
    if (nc >= LEHMER_LIMIT || nc <= -LEHMER_LIMIT || nd >= LEHMER_LIMIT || nd <= -LEHMER_LIMIT)
      break;
    a = c;
    b = d;
    c = nc;
    d = nd;
    const long nv = u - q * v;
    u = v;
    v = nv;
    ++k;
  }
  m[0] = a;
  m[1] = b;
  m[2] = c;
  m[3] = d;
  return k;
}

// r = f x + g y for |f|, |g| < 2^31 and any signs; r must not alias x or y. Returns 1 on
// overflow. Equal-sign terms add as magnitudes; opposite-sign terms are accumulated in
// signed 64-bit words (each term stays below 2^63) and the sign is fixed at the end.
int bn_lincomb(bn* r, long f, const bn* x, long g, const bn* y) {
  const int sx = (f < 0) ^ x->neg, sy = (g < 0) ^ y->neg;
  const ulong fa = f < 0 ? -f : f, ga = g < 0 ? -g : g;
  const int n = max(x->n, y->n);
  if (n + 1 > BN_LIMBS) return 1;
  if (sx == sy || fa == 0 || ga == 0 || x->n == 0 || y->n == 0) {
    ulong carry = 0;
    for (int i = 0; i < n; ++i) {
      const ulong xi = i < x->n ? x->d[i] : 0, yi = i < y->n ? y->d[i] : 0;
      const ulong lo = fa * xi, hi = ga * yi;  // each < 2^63
      const ulong s = lo + (hi & 0xffffffffUL) + carry;
      r->d[i] = (uint)s;
      carry = (s >> 32) + (hi >> 32);
    }
    r->d[n] = (uint)carry;
    r->n = n + 1;
    r->neg = (fa && x->n) ? sx : sy;
    bn_trim(r);
    return 0;
  }
  long carry = 0;
  for (int i = 0; i < n; ++i) {
    const long xi = i < x->n ? x->d[i] : 0, yi = i < y->n ? y->d[i] : 0;
    const long t = (long)fa * xi - (long)ga * yi + carry;  // |t| < 2^63
    r->d[i] = (uint)t;
    carry = t >> 32;  // arithmetic shift: floor division by 2^32
  }
  r->d[n] = (uint)carry;
  r->n = n + 1;
  r->neg = sx;
  if (carry < 0) {  // |f x| < |g y|: negate the two's complement words
    ulong c = 1;
    for (int i = 0; i <= n; ++i) {
      const ulong s = (ulong)(~r->d[i]) + c;
      r->d[i] = (uint)s;
      c = s >> 32;
    }
    r->neg = sy;
  }
  bn_trim(r);
  return 0;
}

// Euclidean steps on (r0, r1) with cofactors (s0, s1) while |r1| > bound: r0 = q r1 + t with
// 0 <= t < |r1|, then (r0, r1) <- (r1, t) and (s0, s1) <- (s1, s0 - q s1). Updates all four
// in place. Returns the number of steps, or -1 on overflow.
int euclid_until(bn* r0, bn* r1, bn* s0, bn* s1, const bn* bound) {
  bn r[3], s[3], q, t;
  bn_copy(&r[0], r0);
  bn_copy(&r[1], r1);
  bn_copy(&s[0], s0);
  bn_copy(&s[1], s1);
  int i0 = 0, i1 = 1, i2 = 2, steps = 0, err = 0;
  const int bound_bits = bn_bits(bound);
  while (bn_cmp_mag(&r[i1], bound) > 0 && !err) {
    // A Lehmer batch needs non-negative remainders long enough that it cannot pass the
    // bound: after it, the earlier remainder is still above r1 / 2^32.
    const int bits0 = bn_bits(&r[i0]);
    if (!r[i0].neg && !r[i1].neg && bits0 > 2 * LEHMER_BITS && bn_bits(&r[i1]) > bound_bits + 40) {
      long m[4];
      const int k = lehmer_matrix((long)bn_shr_to_u64(&r[i0], bits0 - LEHMER_BITS),
                                  (long)bn_shr_to_u64(&r[i1], bits0 - LEHMER_BITS), m);
      if (k > 0) {
        err |= bn_lincomb(&r[i2], m[0], &r[i0], m[1], &r[i1]);
        err |= bn_lincomb(&t, m[2], &r[i0], m[3], &r[i1]);
        bn_copy(&r[i1], &t);
        err |= bn_lincomb(&s[i2], m[0], &s[i0], m[1], &s[i1]);
        err |= bn_lincomb(&t, m[2], &s[i0], m[3], &s[i1]);
        bn_copy(&s[i1], &t);
        const int tmp = i0;  // the new r0 and s0 were built in slot i2
        i0 = i2;
        i2 = tmp;
        steps += k;
        continue;
      }
    }
    bn_divmod_euclid(&q, &r[i2], &r[i0], &r[i1]);
    err |= bn_mul(&t, &q, &s[i1]);
    err |= bn_sub(&s[i2], &s[i0], &t);
    const int tmp = i0;  // rotate: the new pair is (old r1, t)
    i0 = i1;
    i1 = i2;
    i2 = tmp;
    ++steps;
  }
  bn_copy(r0, &r[i0]);
  bn_copy(r1, &r[i1]);
  bn_copy(s0, &s[i0]);
  bn_copy(s1, &s[i1]);
  return err ? -1 : steps;
}

// u with u b = 1 (mod a), for a > 0 and 0 <= b < a; u may be any representative.
// Returns 0, 1 when gcd(a, b) != 1 (not a form of a prime discriminant), or 2 on overflow.
int bn_inverse_mod(bn* u, const bn* b, const bn* a) {
  bn r0, r1, s1, zero;
  bn_copy(&r0, a);
  bn_copy(&r1, b);
  bn_zero(u);
  bn_set_u32(&s1, 1);
  bn_zero(&zero);
  if (euclid_until(&r0, &r1, u, &s1, &zero) < 0) return 2;
  return bn_is_one(&r0) ? 0 : 1;
}

// PARTEUCL(A, C): (d, v3) = (A, C) and (v, v2) = (0, 1), Euclidean steps while |v3| > L;
// when the step count z is odd, v2 and v3 are negated. Returns z, or -1 on overflow.
int partial_euclid(bn* d, bn* v, bn* v2, bn* v3, const bn* A, const bn* C, const bn* L) {
  bn_copy(d, A);
  bn_copy(v3, C);
  bn_zero(v);
  bn_set_u32(v2, 1);
  const int z = euclid_until(d, v3, v, v2, L);
  if (z > 0 && (z & 1)) {
    bn_negate(v2);
    bn_negate(v3);
  }
  return z;
}
