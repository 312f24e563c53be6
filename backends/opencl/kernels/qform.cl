// Binary quadratic forms (a, b, c) of a negative discriminant D = b^2 - 4ac (VDF spec 4):
// normalisation, reduction to the unique reduced form, and squaring by NUDUPL
// (Cohen, "A Course in Computational Algebraic Number Theory", Algorithm 5.4.8, with
// gcd(a, b) = 1 since |D| is prime). Reduction is exact, so the result is canonical.

typedef struct {
  bn a;
  bn b;
  bn c;
} qform;

// Error codes a chain reports (vdf_job.status); the host turns them into messages.
#define QF_OK 0
#define QF_NOT_COPRIME 1      // gcd(a, b) != 1: |D| is not prime
#define QF_OVERFLOW 2         // a value outgrew BN_LIMBS: D is larger than 2048 bits
#define QF_INEXACT 3          // an exact division left a remainder: arithmetic fault
#define QF_BAD_DISCRIMINANT 4 // b^2 - 4ac != D after a step: arithmetic fault
#define QF_NO_CONVERGENCE 5   // reduction did not finish: arithmetic fault

// If b is outside (-a, a]: r = floor((a - b) / 2a), b += 2ra, c += r(ar + b).
int qform_normalize(qform* f) {
  const int m = bn_cmp_mag(&f->b, &f->a);
  if (f->b.neg ? m < 0 : m <= 0) return QF_OK;
  bn t, two_a, r, rem, ar;
  int err = bn_sub(&t, &f->a, &f->b);
  err |= bn_shl_small(&two_a, &f->a, 1);
  bn_divmod_floor(&r, &rem, &t, &two_a);
  err |= bn_mul(&ar, &f->a, &r);
  err |= bn_add(&t, &ar, &f->b);
  err |= bn_mul(&rem, &t, &r);
  err |= bn_add(&f->c, &f->c, &rem);
  err |= bn_shl_small(&ar, &ar, 1);
  err |= bn_add(&f->b, &f->b, &ar);
  return err ? QF_OVERFLOW : QF_OK;
}

// VDF spec 4.1: normalise, then while a > c (or a = c and b < 0) apply
// s = floor((c + b) / 2c), (a, b, c) <- (c, -b + 2sc, s(cs - b) + a). That step is exactly
// "(a, b, c) <- (c, -b, a), then normalise", which is how it is done here.
int qform_reduce(qform* f) {
  int err = qform_normalize(f);
  for (int guard = 0; !err; ++guard) {
    const int cmp = bn_cmp(&f->a, &f->c);
    if (!(cmp > 0 || (cmp == 0 && f->b.neg))) return QF_OK;
    if (guard > 4096) return QF_NO_CONVERGENCE;
    bn t;
    bn_copy(&t, &f->a);
    bn_copy(&f->a, &f->c);
    bn_copy(&f->c, &t);
    bn_negate(&f->b);
    err = qform_normalize(f);
  }
  return err;
}

// f <- f^2, reduced. L = floor(|D/4|^(1/4)) bounds the partial reduction.
int qform_square(qform* f, const bn* L) {
  bn q, t, u, cap_c, d, v, v2, v3;
  int err = 0;
  // 1. u = b^-1 mod a, then C = -c u mod a, taken in (-a/2, a/2].
  bn_divmod_floor(&q, &t, &f->b, &f->a);
  const int inv = bn_inverse_mod(&u, &t, &f->a);
  if (inv) return inv == 1 ? QF_NOT_COPRIME : QF_OVERFLOW;
  bn_divmod_floor(&q, &t, &f->c, &f->a);
  err |= bn_mul(&v, &t, &u);
  bn_negate(&v);
  bn_divmod_floor(&q, &cap_c, &v, &f->a);
  bn_sub(&t, &f->a, &cap_c);
  if (bn_cmp(&t, &cap_c) < 0) {
    bn_copy(&cap_c, &t);
    bn_negate(&cap_c);
  }
  // 2. Partial Euclid on (a, C).
  const int z = partial_euclid(&d, &v, &v2, &v3, &f->a, &cap_c, L);
  if (z < 0 || err) return QF_OVERFLOW;
  // 3./4. Compose: the new form is (a2, b2, c2), nearly reduced.
  bn e, g, x, y;
  int inexact = 0;
  if (z == 0) {
    // g = (b v3 + c) / d; a2 = d^2; b2 = b + 2 d v3; c2 = v3^2 + g
    err |= bn_mul(&x, &f->b, &v3);
    err |= bn_add(&x, &x, &f->c);
    inexact |= bn_div_exact(&g, &x, &d);
    err |= bn_mul(&x, &d, &v3);
    err |= bn_shl_small(&x, &x, 1);
    err |= bn_add(&f->b, &f->b, &x);
    err |= bn_mul(&x, &v3, &v3);
    err |= bn_add(&f->c, &x, &g);
    err |= bn_mul(&f->a, &d, &d);
  } else {
    // e = (c v + b d) / a; g = (e v2 - b) / v
    err |= bn_mul(&x, &f->c, &v);
    err |= bn_mul(&y, &f->b, &d);
    err |= bn_add(&x, &x, &y);
    inexact |= bn_div_exact(&e, &x, &f->a);
    err |= bn_mul(&x, &e, &v2);    // e v2, kept for b2
    err |= bn_sub(&y, &x, &f->b);
    inexact |= bn_div_exact(&g, &y, &v);
    // b2 = e v2 + v g + 2 d v3
    err |= bn_mul(&y, &v, &g);
    err |= bn_add(&x, &x, &y);
    err |= bn_mul(&y, &d, &v3);
    err |= bn_shl_small(&y, &y, 1);
    err |= bn_add(&f->b, &x, &y);
    // a2 = d^2 + e v
    err |= bn_mul(&x, &d, &d);
    err |= bn_mul(&y, &e, &v);
    err |= bn_add(&f->a, &x, &y);
    // c2 = v3^2 + g v2
    err |= bn_mul(&x, &v3, &v3);
    err |= bn_mul(&y, &g, &v2);
    err |= bn_add(&f->c, &x, &y);
  }
  if (err) return QF_OVERFLOW;
  if (inexact) return QF_INEXACT;
  return qform_reduce(f);
}

// Whether b^2 - 4ac = -|D|, i.e. 4ac - b^2 = |D| (a cheap guard against arithmetic faults).
int qform_check(const qform* f, const bn* d_mag) {
  bn ac, bb;
  int err = bn_mul(&ac, &f->a, &f->c);
  err |= bn_mul(&bb, &f->b, &f->b);
  err |= bn_shl_small(&ac, &ac, 2);
  err |= bn_sub(&ac, &ac, &bb);
  if (err) return QF_OVERFLOW;
  return bn_cmp(&ac, d_mag) == 0 ? QF_OK : QF_BAD_DISCRIMINANT;
}
