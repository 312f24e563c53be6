#pragma once
// The Fr FFT of KZG spec 8.2 on an OpenCL device: radix-2 decimation in time over a twiddle
// table the host passes, then a scaling. With the reverse table R_N and N^-1 it is ProveRaw's
// inverse FFT, bit for bit, for every power-of-two N (the pseudo-root sizes 2048 and 65536
// included, because the butterflies run in the reference's order).
#include <span>
#include <vector>

#include "backends/opencl/cl_context.hpp"
#include "backends/opencl/layouts.hpp"

namespace proofgrid::opencl {

class OpenClFft {
 public:
  explicit OpenClFft(OpenClContext& ctx);

  // values: N Fr elements (Montgomery), N a power of two up to 2^31. twiddles: at least N/2
  // entries, twiddles[k] used as the factor of O[i] where k = i * N / (block size) - for
  // ProveRaw that is R_N[k] = omega_N^(N-k), R_N[0] = 1. scale multiplies every output
  // (N^-1 mod r for the inverse FFT). All in Montgomery form; the result too.
  std::vector<FrLimbs> transform(std::span<const FrLimbs> values, std::span<const FrLimbs> twiddles,
                                 const FrLimbs& scale);

 private:
  OpenClContext& ctx_;
  Kernel bit_reverse_, stage_, scale_;
};

}  // namespace proofgrid::opencl
