// G1 of BLS48-581: y^2 = x^3 + 1 over Fp (a = 0). Jacobian (X, Y, Z) stands for
// (X/Z^2, Y/Z^3); Z = 0 is the point at infinity. The structs match G1AffineLimbs and
// G1JacobianLimbs on the host byte for byte.

typedef struct {
  fp x;
  fp y;
  ulong infinity;
} g1_affine;

typedef struct {
  fp x;
  fp y;
  fp z;
} g1_jac;

void g1_set_infinity(g1_jac* r) {
  fp_set_one(&r->x);
  fp_set_one(&r->y);
  fp_set_zero(&r->z);
}

int g1_is_infinity(const g1_jac* p) { return fp_is_zero(&p->z); }

void g1_from_affine(g1_jac* r, const g1_affine* a) {
  if (a->infinity) {
    g1_set_infinity(r);
    return;
  }
  r->x = a->x;
  r->y = a->y;
  fp_set_one(&r->z);
}

// 2P, "dbl-2009-l" (a = 0). A point with Y = 0 (order 2) gives Z3 = 0, i.e. infinity.
void g1_double(g1_jac* r, const g1_jac* p) {
  fp a, b, c, d, e, f, t;
  fp_sqr(&a, &p->x);            // A = X^2
  fp_sqr(&b, &p->y);            // B = Y^2
  fp_sqr(&c, &b);               // C = B^2
  fp_add(&t, &p->x, &b);
  fp_sqr(&t, &t);
  fp_sub(&t, &t, &a);
  fp_sub(&t, &t, &c);
  fp_dbl(&d, &t);               // D = 2((X+B)^2 - A - C)
  fp_dbl(&e, &a);
  fp_add(&e, &e, &a);           // E = 3A
  fp_sqr(&f, &e);               // F = E^2
  fp z3;
  fp_mul(&z3, &p->y, &p->z);
  fp_dbl(&z3, &z3);             // Z3 = 2YZ (read before r may alias p)
  fp x3;
  fp_dbl(&t, &d);
  fp_sub(&x3, &f, &t);          // X3 = F - 2D
  fp_sub(&t, &d, &x3);
  fp_mul(&t, &e, &t);
  fp_dbl(&c, &c);
  fp_dbl(&c, &c);
  fp_dbl(&c, &c);               // 8C
  fp_sub(&r->y, &t, &c);        // Y3 = E(D - X3) - 8C
  r->x = x3;
  r->z = z3;
}

// The shared cases of an addition whose operands have equal x (H = 0): equal points double,
// opposite points cancel. Returns 1 when it wrote r.
int g1_add_equal_x(g1_jac* r, const g1_jac* p, const fp* h, const fp* rr) {
  if (!fp_is_zero(h)) return 0;
  if (fp_is_zero(rr)) {
    g1_double(r, p);
  } else {
    g1_set_infinity(r);
  }
  return 1;
}

// The shared end of both additions: X3 = r^2 - J - 2V, Y3 = r(V - X3) - 2 S J (S is Y1 for
// the mixed addition, S1 for the general one), then Z3 as computed by the caller.
void g1_add_finish(g1_jac* r, const fp* rr, const fp* j, const fp* v, const fp* s, const fp* z3) {
  fp x3, y3, t;
  fp_sqr(&x3, rr);
  fp_sub(&x3, &x3, j);
  fp_sub(&x3, &x3, v);
  fp_sub(&x3, &x3, v);
  fp_sub(&t, v, &x3);
  fp_mul(&y3, rr, &t);
  fp_mul(&t, s, j);
  fp_dbl(&t, &t);
  fp_sub(&y3, &y3, &t);
  r->x = x3;
  r->y = y3;
  r->z = *z3;
}

// P + Q with Q affine, "madd-2007-bl"; handles infinity, Q = P and Q = -P.
void g1_add_affine(g1_jac* r, const g1_jac* p, const g1_affine* q) {
  if (q->infinity) {
    *r = *p;
    return;
  }
  if (g1_is_infinity(p)) {
    g1_from_affine(r, q);
    return;
  }
  fp z1z1, u2, s2, h, rr;
  fp_sqr(&z1z1, &p->z);
  fp_mul(&u2, &q->x, &z1z1);
  fp_mul(&s2, &q->y, &p->z);
  fp_mul(&s2, &s2, &z1z1);
  fp_sub(&h, &u2, &p->x);       // H = U2 - X1
  fp_sub(&rr, &s2, &p->y);
  fp_dbl(&rr, &rr);             // r = 2(S2 - Y1)
  if (g1_add_equal_x(r, p, &h, &rr)) return;
  fp hh, i, j, v, y1, z3;
  fp_sqr(&hh, &h);
  fp_dbl(&i, &hh);
  fp_dbl(&i, &i);               // I = 4 HH
  fp_mul(&j, &h, &i);           // J = H I
  fp_mul(&v, &p->x, &i);        // V = X1 I
  fp_add(&z3, &p->z, &h);
  fp_sqr(&z3, &z3);
  fp_sub(&z3, &z3, &z1z1);
  fp_sub(&z3, &z3, &hh);        // Z3 = (Z1 + H)^2 - Z1Z1 - HH
  y1 = p->y;                    // r may alias p
  g1_add_finish(r, &rr, &j, &v, &y1, &z3);
}

// P + Q, both Jacobian, "add-2007-bl"; handles infinity, Q = P and Q = -P.
void g1_add(g1_jac* r, const g1_jac* p, const g1_jac* q) {
  if (g1_is_infinity(p)) {
    *r = *q;
    return;
  }
  if (g1_is_infinity(q)) {
    *r = *p;
    return;
  }
  fp z1z1, z2z2, u1, u2, s1, s2, h, rr;
  fp_sqr(&z1z1, &p->z);
  fp_sqr(&z2z2, &q->z);
  fp_mul(&u1, &p->x, &z2z2);
  fp_mul(&u2, &q->x, &z1z1);
  fp_mul(&s1, &p->y, &q->z);
  fp_mul(&s1, &s1, &z2z2);
  fp_mul(&s2, &q->y, &p->z);
  fp_mul(&s2, &s2, &z1z1);
  fp_sub(&h, &u2, &u1);
  fp_sub(&rr, &s2, &s1);
  fp_dbl(&rr, &rr);
  if (g1_add_equal_x(r, p, &h, &rr)) return;
  fp i, j, v, z3;
  fp_dbl(&i, &h);
  fp_sqr(&i, &i);               // I = (2H)^2
  fp_mul(&j, &h, &i);           // J = H I
  fp_mul(&v, &u1, &i);          // V = U1 I
  fp_add(&z3, &p->z, &q->z);
  fp_sqr(&z3, &z3);
  fp_sub(&z3, &z3, &z1z1);
  fp_sub(&z3, &z3, &z2z2);
  fp_mul(&z3, &z3, &h);         // Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H
  g1_add_finish(r, &rr, &j, &v, &s1, &z3);
}
