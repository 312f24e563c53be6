// Radix-2 decimation-in-time transform over Fr in the exact butterfly order of KZG spec 8.2:
// bit-reverse the input, then for block sizes 2h = 2, 4, ..., N combine
//   out[i] = E[i] + O[i]*tw[i*N/(2h)],  out[i+h] = E[i] - O[i]*tw[i*N/(2h)],
// which is the reference recursion F(offset, stride, s, n) unrolled bottom-up: the same field
// operations on the same operands, so even the pseudo-roots of N = 2048 and 65536 give the
// reference bytes. One launch per stage; the host passes the table (R_N for the inverse FFT).

uint reverse_bits_32(uint x) {
  x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
  x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
  x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
  x = ((x >> 8) & 0x00ff00ffu) | ((x & 0x00ff00ffu) << 8);
  return (x >> 16) | (x << 16);
}

__kernel void fr_bit_reverse(__global const fr* in, __global fr* out, uint log_n) {
  const uint i = get_global_id(0);
  if (i >= (1u << log_n)) return;
  const uint j = log_n == 0 ? 0 : reverse_bits_32(i) >> (32 - log_n);
  out[j] = in[i];
}

__kernel void fr_dit_stage(__global fr* data, __global const fr* twiddles, uint half_size,
                           uint twiddle_stride, uint pairs) {
  const uint g = get_global_id(0);
  if (g >= pairs) return;
  const uint i = g % half_size;
  const uint base = (g / half_size) * 2 * half_size;
  const fr e = data[base + i];
  const fr o = data[base + i + half_size];
  const fr w = twiddles[i * twiddle_stride];
  fr t, sum, diff;
  fr_mul(&t, &o, &w);
  fr_add(&sum, &e, &t);
  fr_sub(&diff, &e, &t);
  data[base + i] = sum;
  data[base + i + half_size] = diff;
}

__kernel void fr_scale(__global fr* data, __global const fr* factor, uint n) {
  const uint i = get_global_id(0);
  if (i >= n) return;
  const fr f = *factor;
  fr v = data[i];
  fr_mul(&v, &v, &f);
  data[i] = v;
}
