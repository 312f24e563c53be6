// The VDF chain kernel: one work-item per chain squares its form `steps` times (or until the
// chain's T is reached), writing x^(2^(i kappa)) at every multiple of kappa, so the host can
// finish the Wesolowski proof. The host calls it repeatedly (bounded time per launch, and a
// place to honour cancellation); the state stays on the device between calls.

// Per chain, fixed for its life: the bound L for NUDUPL and |D| for the invariant check.
typedef struct {
  bn bound;
  bn d_mag;
} vdf_params;

// Per chain, updated by the kernel.
typedef struct {
  uint iterations;  // T
  uint done;        // squarings done so far
  uint kappa;       // checkpoint spacing
  uint status;      // QF_OK, or the first error
} vdf_job;

// A checkpoint (a, b); both fit 33 limbs for |D| <= 2^2048 (a <= sqrt(|D|/3), |b| <= a).
#define CKPT_LIMBS 33
typedef struct {
  int a_n;
  int b_n;
  int b_neg;
  int pad;
  uint a[CKPT_LIMBS];
  uint b[CKPT_LIMBS];
} vdf_checkpoint;

void store_checkpoint(__global vdf_checkpoint* out, const qform* f) {
  out->a_n = f->a.n;
  out->b_n = f->b.n;
  out->b_neg = f->b.neg;
  out->pad = 0;
  for (int i = 0; i < CKPT_LIMBS; ++i) {
    out->a[i] = i < f->a.n ? f->a.d[i] : 0;
    out->b[i] = i < f->b.n ? f->b.d[i] : 0;
  }
}

// Checkpoint i of chain g is written to slot i - floor(done_at_launch / kappa) - 1 of that
// chain's `slots` slots: the host reads the slots after each launch.
__kernel void vdf_square_chains(__global qform* forms, __global const vdf_params* params,
                                __global vdf_job* jobs, __global vdf_checkpoint* checkpoints,
                                uint chains, uint slots, uint steps) {
  const uint g = get_global_id(0);
  if (g >= chains) return;
  vdf_job job = jobs[g];
  if (job.status != QF_OK || job.done >= job.iterations) return;
  qform f = forms[g];
  const bn bound = params[g].bound;
  const bn d_mag = params[g].d_mag;
  const uint first = job.done / job.kappa;
  // b^2 - 4ac = D is checked at every checkpoint and at the end of the launch: a fault
  // would persist in every later form, so nothing wrong leaves the device unnoticed.
  for (uint s = 0; s < steps && job.done < job.iterations; ++s) {
    uint status = qform_square(&f, &bound);
    const int at_checkpoint = (job.done + 1) % job.kappa == 0;
    if (status == QF_OK && (at_checkpoint || s + 1 == steps || job.done + 1 == job.iterations))
      status = qform_check(&f, &d_mag);
    if (status != QF_OK) {
      job.status = status;
      break;
    }
    ++job.done;
    if (at_checkpoint) {
      const uint slot = job.done / job.kappa - first - 1;
      if (slot < slots) store_checkpoint(&checkpoints[(ulong)g * slots + slot], &f);
    }
  }
  forms[g] = f;
  jobs[g] = job;
}
