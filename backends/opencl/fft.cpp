#include "backends/opencl/fft.hpp"

#include <stdexcept>
#include <string>

#include "backends/opencl/kernel_programs.hpp"

namespace proofgrid::opencl {

OpenClFft::OpenClFft(OpenClContext& ctx) : ctx_(ctx) {
  const ProgramRecipe& prog = kzg_program();
  bit_reverse_ = ctx.kernel(prog, "fr_bit_reverse");
  stage_ = ctx.kernel(prog, "fr_dit_stage");
  scale_ = ctx.kernel(prog, "fr_scale");
}

std::vector<FrLimbs> OpenClFft::transform(std::span<const FrLimbs> values,
                                          std::span<const FrLimbs> twiddles, const FrLimbs& scale) {
  const std::size_t n = values.size();
  if (n == 0 || (n & (n - 1)) != 0 || n > (std::size_t{1} << 31))
    throw std::invalid_argument("OpenClFft: size must be a power of two up to 2^31, got " +
                                std::to_string(n));
  if (twiddles.size() < n / 2)
    throw std::invalid_argument("OpenClFft: " + std::to_string(twiddles.size()) +
                                " twiddles for N = " + std::to_string(n) + " (need at least N/2)");
  unsigned log_n = 0;
  while ((std::size_t{1} << log_n) < n) ++log_n;

  const Buffer input = ctx_.upload(values);
  const Buffer data = ctx_.alloc(n * sizeof(FrLimbs));
  const Buffer tw = ctx_.upload(twiddles.first(n / 2));
  const Buffer factor = ctx_.upload(std::span(&scale, 1));
  ctx_.run(bit_reverse_, n, input, data, static_cast<cl_uint>(log_n));
  for (std::size_t half = 1; half < n; half *= 2) {
    const auto stride = static_cast<cl_uint>(n / (2 * half));
    ctx_.run(stage_, n / 2, data, tw, static_cast<cl_uint>(half), stride,
             static_cast<cl_uint>(n / 2));
  }
  ctx_.run(scale_, n, data, factor, static_cast<cl_uint>(n));
  std::vector<FrLimbs> out(n);
  ctx_.read(data, out.data(), n * sizeof(FrLimbs));
  return out;
}

}  // namespace proofgrid::opencl
