#include "backends/opencl/opencl_kzg.hpp"

#include <stdexcept>
#include <string>

#include "engine/kzg/field.hpp"

namespace proofgrid::opencl {
namespace {

// The engine's types and the device layouts hold the same limbs (docs/opencl.md, layouts).
G1AffineLimbs to_device(const kzg::G1Affine& p) {
  G1AffineLimbs out;
  if (p.infinity) {
    out.infinity = 1;
    return out;
  }
  out.x.limb = p.x.limb;
  out.y.limb = p.y.limb;
  out.infinity = 0;
  return out;
}

std::vector<ScalarLimbs> to_device(std::span<const kzg::Scalar> scalars) {
  std::vector<ScalarLimbs> out(scalars.size());
  for (std::size_t i = 0; i < scalars.size(); ++i) out[i].limb = scalars[i];
  return out;
}

kzg::G1Jacobian from_device(const G1JacobianLimbs& p) {
  kzg::G1Jacobian out;
  out.X.limb = p.x.limb;
  out.Y.limb = p.y.limb;
  out.Z.limb = p.z.limb;
  return out;
}

unsigned widest(std::span<const ScalarLimbs> scalars) {
  unsigned bits = 1;
  for (const ScalarLimbs& s : scalars) bits = std::max(bits, scalar_bit_length(s));
  return bits;
}

// Identifies a base set by content (a table's address may be reused after it is freed).
Digest32 base_set_key(std::span<const G1AffineLimbs> bases, std::size_t scalar_bits) {
  Sha256 h;
  const std::uint64_t bits = scalar_bits;
  h.update(ByteView(reinterpret_cast<const std::uint8_t*>(&bits), sizeof bits));
  h.update(ByteView(reinterpret_cast<const std::uint8_t*>(bases.data()), bases.size_bytes()));
  return h.finish();
}

}  // namespace

OpenClKzg::OpenClKzg(OpenClContext& ctx, std::mutex& mutex) : ctx_(ctx), mutex_(mutex), fft_(ctx) {}

OpenClMsm& OpenClKzg::fixed_msm_for(const kzg::FixedBaseTable& table) {
  std::vector<G1AffineLimbs> bases(table.count);
  for (std::size_t i = 0; i < table.count; ++i) bases[i] = to_device(table.points[i * table.windows]);
  const Digest32 key = base_set_key(bases, table.scalar_bits);
  for (auto it = cache_.begin(); it != cache_.end(); ++it) {
    if (it->key != key) continue;
    cache_.splice(cache_.begin(), cache_, it);
    return *cache_.front().msm;
  }
  auto msm = std::make_unique<OpenClMsm>(ctx_, bases, static_cast<unsigned>(table.scalar_bits));
  cache_.push_front({key, std::move(msm)});
  if (cache_.size() > kCachedBaseSets) cache_.pop_back();
  return *cache_.front().msm;
}

kzg::G1Jacobian OpenClKzg::msm_fixed(const kzg::FixedBaseTable& table, std::span<const kzg::Scalar> scalars) {
  if (scalars.size() > table.count)
    throw std::invalid_argument("msm_fixed: " + std::to_string(scalars.size()) + " scalars for a table of " +
                                std::to_string(table.count) + " bases");
  std::vector<ScalarLimbs> s = to_device(scalars);
  s.resize(table.count);  // missing scalars are zero, as in the engine
  std::lock_guard lock(mutex_);
  return from_device(fixed_msm_for(table).run(s));
}

kzg::G1Jacobian OpenClKzg::msm(std::span<const kzg::G1Affine> bases, std::span<const kzg::Scalar> scalars) {
  if (bases.size() != scalars.size())
    throw std::invalid_argument("msm: " + std::to_string(bases.size()) + " bases but " +
                                std::to_string(scalars.size()) + " scalars");
  std::vector<G1AffineLimbs> b(bases.size());
  for (std::size_t i = 0; i < bases.size(); ++i) b[i] = to_device(bases[i]);
  const std::vector<ScalarLimbs> s = to_device(scalars);
  std::lock_guard lock(mutex_);
  OpenClMsm one_shot(ctx_, b, widest(s), MsmTable::kBasesOnly);
  return from_device(one_shot.run(s));
}

void OpenClKzg::inverse_fft(std::span<kzg::Fr> values, std::span<const kzg::Fr> roots) {
  const std::size_t n = values.size();
  if (n == 0 || (n & (n - 1)) != 0 || roots.size() != n + 1)
    throw std::invalid_argument("inverse_fft: size must be a power of two with N + 1 roots");
  // ProveRaw's twiddles R[k] = T[N - k] (R[0] = T[N] = 1) and the scale N^-1 (kzg/fft.hpp).
  std::vector<FrLimbs> twiddles(std::max<std::size_t>(1, n / 2)), in(n);
  for (std::size_t k = 0; k < twiddles.size(); ++k) twiddles[k].limb = roots[n - k].limb;
  for (std::size_t i = 0; i < n; ++i) in[i].limb = values[i].limb;
  FrLimbs scale;
  scale.limb = kzg::inverse(kzg::from_u64<kzg::Fr>(n)).limb;
  std::vector<FrLimbs> out;
  {
    std::lock_guard lock(mutex_);
    out = fft_.transform(in, twiddles, scale);
  }
  for (std::size_t i = 0; i < n; ++i) values[i].limb = out[i].limb;
}

}  // namespace proofgrid::opencl
