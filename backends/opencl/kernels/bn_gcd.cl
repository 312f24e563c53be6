// Extended Euclid for NUDUPL: the inverse of b modulo a, and Cohen's partial reduction
// PARTEUCL (Sub-algorithm 5.4.6), which stops once the remainder is at most a bound L.

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
  while (bn_cmp_mag(&r[i1], bound) > 0 && !err) {
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
