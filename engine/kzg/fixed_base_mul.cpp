#include "engine/kzg/fixed_base_mul.hpp"

#include <stdexcept>

#include <tbb/parallel_for.h>

#include "engine/kzg/bucket_sum.hpp"
#include "engine/kzg/g1.hpp"
#include "engine/kzg/signed_digits.hpp"

namespace proofgrid::kzg {
namespace {

constexpr unsigned kCombBits = 8;
constexpr std::size_t kScalarBits = 518;
constexpr std::size_t kBatch = 2048;  // outputs per accumulation (bounds the work buffer)

}  // namespace

std::vector<G1Affine> multiples_of(const G1Affine& base, std::span<const Scalar> scalars) {
  const std::size_t windows = signed_windows(kScalarBits, kCombBits);
  const std::size_t digits_per_window = std::size_t{1} << (kCombBits - 1);
  // comb[j * digits_per_window + (d - 1)] = d * 2^(c j) * base.
  std::vector<G1Affine> comb(windows * digits_per_window);
  {
    std::vector<G1Jacobian> bases(windows);
    G1Jacobian cur = to_jacobian(base);
    for (std::size_t j = 0; j < windows; ++j) {
      bases[j] = cur;
      for (unsigned b = 0; b < kCombBits; ++b) cur = dbl(cur);
    }
    tbb::parallel_for(std::size_t{0}, windows, [&](std::size_t j) {
      std::vector<G1Jacobian> row(digits_per_window);
      row[0] = bases[j];
      for (std::size_t d = 1; d < digits_per_window; ++d) row[d] = add(row[d - 1], bases[j]);
      batch_to_affine(row, std::span<G1Affine>(comb.data() + j * digits_per_window, digits_per_window));
    });
  }
  std::vector<G1Affine> out(scalars.size());
  const std::size_t batches = (scalars.size() + kBatch - 1) / kBatch;
  tbb::parallel_for(std::size_t{0}, batches, [&](std::size_t b) {
    const std::size_t begin = b * kBatch, end = std::min(scalars.size(), begin + kBatch);
    BucketTerms terms;
    terms.offsets.push_back(0);
    std::vector<std::int32_t> digits(windows);
    for (std::size_t s = begin; s < end; ++s) {
      if (!signed_digits(scalars[s], kCombBits, digits)) throw std::invalid_argument("multiples_of: scalar not below r");
      for (std::size_t j = 0; j < windows; ++j) {
        const std::int32_t d = digits[j];
        if (d == 0) continue;
        const std::size_t index = j * digits_per_window + static_cast<std::size_t>(d < 0 ? -d : d) - 1;
        terms.refs.push_back(static_cast<std::uint32_t>(index << 1) | (d < 0 ? 1U : 0U));
      }
      terms.offsets.push_back(static_cast<std::uint32_t>(terms.refs.size()));
    }
    BucketSummer summer;
    summer.sum(comb, terms, std::span<G1Affine>(out.data() + begin, end - begin));
  });
  return out;
}

}  // namespace proofgrid::kzg
