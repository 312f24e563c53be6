// Multi-scalar multiplication over G1 with a fixed-base bucket method (see docs/opencl.md):
//   1. msm_precompute, once per base set: table[w*n + i] = 2^(c*w) * base_i, affine.
//      With every window's multiple in the table, all windows share one set of buckets.
//   2. msm_sum_lists over the table: each work-item adds one short list of signed table
//      entries (a chunk of one bucket) into a Jacobian partial sum.
//   3. msm_sum_lists over partial sums, pass after pass, until each bucket, and then each
//      "bit k of the bucket index" group, is one point.
//   4. msm_horner: sum_b b*B_b = sum_k 2^k * S_k with S_k = sum of buckets whose index has bit k.
// The host plans the lists (msm_plan.cpp); list lengths bound every work-item's serial work.

__kernel void msm_precompute(__global const g1_affine* bases, uint n, uint windows, uint c,
                             __global g1_affine* table, __global g1_jac* scratch) {
  const uint i = get_global_id(0);
  if (i >= n) return;
  const g1_affine base = bases[i];
  if (base.infinity) {
    for (uint w = 0; w < windows; ++w) table[w * n + i] = base;
    return;
  }
  // Pass 1: the Jacobian multiples, and the running product of their Z (kept in table[].x).
  g1_jac q;
  g1_from_affine(&q, &base);
  fp acc;
  fp_set_one(&acc);
  for (uint w = 0; w < windows; ++w) {
    if (w > 0)
      for (uint k = 0; k < c; ++k) g1_double(&q, &q);
    scratch[w * n + i] = q;
    table[w * n + i].x = acc;
    if (!g1_is_infinity(&q)) fp_mul(&acc, &acc, &q.z);
  }
  // Pass 2: one inversion for all windows (Montgomery's trick), then affine coordinates.
  fp inv;
  fp_inv(&inv, &acc);
  for (uint w = windows; w-- > 0;) {
    const g1_jac p = scratch[w * n + i];
    g1_affine out;
    if (g1_is_infinity(&p)) {
      fp_set_zero(&out.x);
      fp_set_zero(&out.y);
      out.infinity = 1;
    } else {
      const fp prefix = table[w * n + i].x;
      fp zinv, z2;
      fp_mul(&zinv, &inv, &prefix);  // 1/Z_w
      fp_mul(&inv, &inv, &p.z);      // inverse of the product of Z_0 .. Z_(w-1)
      fp_sqr(&z2, &zinv);
      fp_mul(&out.x, &p.x, &z2);
      fp_mul(&z2, &z2, &zinv);
      fp_mul(&out.y, &p.y, &z2);
      out.infinity = 0;
    }
    table[w * n + i] = out;
  }
}

// out[j] = sum over entries[offsets[j] .. offsets[j+1]) of either the table entry e >> 1,
// negated when e & 1 (from_table != 0: the bucket chunks), or the partial sum e (later passes).
// from_table is the same for the whole launch, so the branch does not diverge.
__kernel void msm_sum_lists(__global const g1_affine* table, __global const g1_jac* partials,
                            uint from_table, __global const uint* entries,
                            __global const uint* offsets, uint lists, __global g1_jac* out) {
  const uint j = get_global_id(0);
  if (j >= lists) return;
  g1_jac acc;
  g1_set_infinity(&acc);
  const uint end = offsets[j + 1];
  for (uint k = offsets[j]; k < end; ++k) {
    const uint e = entries[k];
    if (from_table) {
      g1_affine p = table[e >> 1];
      if (e & 1) fp_neg(&p.y, &p.y);
      g1_add_affine(&acc, &acc, &p);
    } else {
      const g1_jac p = partials[e];
      g1_add(&acc, &acc, &p);
    }
  }
  out[j] = acc;
}

// out = sum_k 2^k * sums[k], k < count (Horner from the top bit).
__kernel void msm_horner(__global const g1_jac* sums, uint count, __global g1_jac* out) {
  if (get_global_id(0) != 0) return;
  g1_jac acc = sums[count - 1];
  for (uint k = count - 1; k-- > 0;) {
    const g1_jac s = sums[k];
    g1_double(&acc, &acc);
    g1_add(&acc, &acc, &s);
  }
  *out = acc;
}
