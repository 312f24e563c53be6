#include "engine/kzg/fft.hpp"

#include <stdexcept>
#include <utility>

#include "engine/kzg/field.hpp"

namespace proofgrid::kzg {

void inverse_fft(std::span<Fr> values, std::span<const Fr> roots) {
  const std::size_t n = values.size();
  if (n == 0 || (n & (n - 1)) != 0 || roots.size() != n + 1) {
    throw std::invalid_argument("inverse_fft: size must be a power of two with N + 1 roots");
  }
  // Iterative form of the recursion F(offset, stride, s, n): after a bit-reversal permutation,
  // the level that merges blocks of length len uses step s = N / len, exactly the step the
  // recursion uses for sub-sequences of that length, so every butterfly sees the same twiddle.
  unsigned log_n = 0;
  while ((std::size_t{1} << log_n) < n) ++log_n;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t j = 0;
    for (unsigned b = 0; b < log_n; ++b) j |= ((i >> b) & 1U) << (log_n - 1 - b);
    if (i < j) std::swap(values[i], values[j]);
  }
  for (std::size_t len = 2; len <= n; len <<= 1) {
    const std::size_t half = len / 2, step = n / len;
    for (std::size_t start = 0; start < n; start += len) {
      for (std::size_t i = 0; i < half; ++i) {
        const Fr& twiddle = roots[n - i * step];  // R[i*s] = T[N - i*s]; R[0] = T[N] = 1
        const Fr t = values[start + half + i] * twiddle;
        values[start + half + i] = values[start + i] - t;
        values[start + i] = values[start + i] + t;
      }
    }
  }
  const Fr n_inv = inverse(from_u64<Fr>(n));
  for (auto& v : values) v = v * n_inv;
}

std::vector<Fr> divide_by_linear(std::span<const Fr> coeffs, const Fr& z) {
  const std::size_t n = coeffs.size();
  if (n < 2) return {};
  std::vector<Fr> q(n - 1);
  q[n - 2] = coeffs[n - 1];
  for (std::size_t k = n - 2; k >= 1; --k) q[k - 1] = coeffs[k] + z * q[k];
  return q;
}

Fr evaluate(std::span<const Fr> coeffs, const Fr& z) {
  Fr acc = field_zero<Fr>();
  for (std::size_t k = coeffs.size(); k-- > 0;) acc = acc * z + coeffs[k];
  return acc;
}

}  // namespace proofgrid::kzg
