#include "engine/kzg/kzg.hpp"

#include <stdexcept>
#include <string>

#include "engine/kzg/domain.hpp"
#include "engine/kzg/field.hpp"
#include "engine/kzg/g1.hpp"

namespace proofgrid::kzg {
namespace {

constexpr std::size_t kChunkBytes = 64;

std::vector<Fr> to_fr(std::span<const Scalar> scalars) {
  std::vector<Fr> out(scalars.size());
  for (std::size_t i = 0; i < scalars.size(); ++i) out[i] = from_canonical<Fr>(scalars[i]);  // all < 2^512 < r
  return out;
}

std::vector<Scalar> to_scalars(std::span<const Fr> values) {
  std::vector<Scalar> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) out[i] = to_scalar(values[i]);
  return out;
}

std::vector<Fr> coefficients(ByteView data, std::size_t n, std::span<const Fr> roots, InverseFftFn inverse) {
  std::vector<Fr> c = to_fr(data_scalars(data, n));
  inverse(c, roots);
  return c;
}

bool tables(const Kernels& kernels, std::size_t n) { return kernels.use_tables && n <= kMaxTableSize; }

}  // namespace

const Kernels& kernels_for(Isa isa) {
  require_isa(isa, "kzg::kernels_for");
  auto make = [](Isa level) {
    return Kernels{[level](const FixedBaseTable& t, std::span<const Scalar> s) { return msm_fixed(t, s, level); },
                   [level](std::span<const G1Affine> b, std::span<const Scalar> s) { return msm(b, s, level); },
                   level == Isa::kAvx512Ifma ? &inverse_fft_ifma : &inverse_fft};
  };
  static const Kernels scalar = make(Isa::kScalar), ifma = make(Isa::kAvx512Ifma);
  return isa == Isa::kAvx512Ifma ? ifma : scalar;
}

const Kernels& cpu_kernels() { return kernels_for(best_isa()); }

std::vector<Scalar> data_scalars(ByteView data, std::size_t n) {
  const std::size_t chunks = (data.size() + kChunkBytes - 1) / kChunkBytes;
  if (chunks > n) {
    throw std::invalid_argument("data has " + std::to_string(data.size()) + " bytes = " + std::to_string(chunks) +
                                " chunks of 64 bytes, more than the polynomial size " + std::to_string(n) +
                                "; use a larger size or split the data");
  }
  std::vector<Scalar> out(n, Scalar{});
  for (std::size_t i = 0; i < chunks; ++i) {
    const std::size_t begin = i * kChunkBytes;
    const std::size_t len = std::min(kChunkBytes, data.size() - begin);
    out[i] = limbs_from_be<Fr::kLimbs>(data.subspan(begin, len));  // a short tail is read at its own length
  }
  return out;
}

std::vector<Fr> quotient(ByteView data, std::size_t idx, std::size_t n, InverseFftFn inverse) {
  require_supported_poly_size(n);
  if (idx >= n) {
    throw std::invalid_argument("opening index " + std::to_string(idx) + " is outside 0.." + std::to_string(n - 1));
  }
  const std::vector<Fr> roots = roots_table(n);
  const std::vector<Fr> c = coefficients(data, n, roots, inverse);
  return divide_by_linear(c, roots[idx]);
}

G1Affine commit(const Srs& srs, ByteView data, std::size_t n, const Kernels& kernels) {
  srs.require_commit(n);
  if (srs.commit_uses_lagrange(n)) {
    const std::vector<Scalar> v = data_scalars(data, n);
    if (!tables(kernels, n)) return to_affine(kernels.msm(srs.lagrange(n), v));
    return to_affine(kernels.msm_fixed(*srs.lagrange_table(n), v));
  }
  // Real domain without a Lagrange table: [c(tau)]_1 from the powers is the same point (§7).
  const std::vector<Scalar> c = to_scalars(coefficients(data, n, roots_table(n), kernels.inverse_fft));
  if (!tables(kernels, n)) return to_affine(kernels.msm(srs.g1_powers().first(n), c));
  return to_affine(kernels.msm_fixed(*srs.monomial_table(n), c));
}

G1Affine prove(const Srs& srs, ByteView data, std::size_t idx, std::size_t n, const Kernels& kernels) {
  srs.require_prove(n);
  const std::vector<Scalar> q = to_scalars(quotient(data, idx, n, kernels.inverse_fft));
  if (!tables(kernels, n)) return to_affine(kernels.msm(srs.g1_powers().first(n - 1), q));
  return to_affine(kernels.msm_fixed(*srs.monomial_table(n), q));
}

}  // namespace proofgrid::kzg
