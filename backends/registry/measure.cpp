#include "backends/registry/measure.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <random>

#include "engine/common/hash.hpp"
#include "engine/kzg/domain.hpp"
#include "engine/kzg/g1.hpp"
#include "engine/vdf/vdf.hpp"

namespace proofgrid::backends {

std::vector<kzg::G1Affine> sample_points(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  kzg::Scalar k{};
  for (std::size_t i = 0; i + 1 < k.size(); ++i) k[i] = rng();
  const kzg::G1Affine q = kzg::to_affine(kzg::scalar_mul(kzg::g1_generator(), k));
  std::vector<kzg::G1Jacobian> multiples(n);
  kzg::G1Jacobian acc;
  for (auto& m : multiples) m = acc = kzg::add_mixed(acc, q);  // (i + 1) * q
  std::vector<kzg::G1Affine> out(n);
  kzg::batch_to_affine(multiples, out);
  return out;
}

std::vector<kzg::Scalar> sample_scalars(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<kzg::Scalar> out(n);
  for (auto& s : out)
    for (std::size_t i = 0; i + 1 < s.size(); ++i) s[i] = rng();  // below 2^512
  return out;
}

std::vector<VdfJob> sample_vdf_jobs(std::size_t count, std::uint32_t difficulty, const std::string& label) {
  std::vector<VdfJob> jobs;
  for (std::size_t i = 0; i < count; ++i) {
    const Digest32 d = sha3_256(as_bytes("proofgrid/measure/" + label + "/" + std::to_string(i)));
    jobs.push_back({Bytes(d.begin(), d.end()), difficulty});
  }
  return jobs;
}

Timing best_of(int runs, const std::function<void()>& fn) {
  Timing best{1e300, 0};
  for (int i = 0; i < std::max(1, runs); ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    fn();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (wall < best.wall) best = {wall, static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC};
  }
  return best;
}

Measurement measure(Backend& backend, const MeasureSpec& spec) {
  Measurement m;
  const kzg::Kernels& k = backend.kzg_kernels();
  const auto bases = sample_points(spec.msm_n, 0xba5e5);
  const auto scalars = sample_scalars(spec.msm_n, 0x5ca1a7);
  if (spec.msm_fixed) {
    const kzg::FixedBaseTable table = kzg::make_fixed_base_table(bases, 512);
    (void)k.msm_fixed(table, scalars);
    m.msm = best_of(spec.runs, [&] { (void)k.msm_fixed(table, scalars); });
  } else {
    (void)k.msm(bases, scalars);
    m.msm = best_of(spec.runs, [&] { (void)k.msm(bases, scalars); });
  }
  if (spec.fft_n != 0) {
    const auto roots = kzg::roots_table(spec.fft_n);
    std::vector<kzg::Fr> values(spec.fft_n);
    const auto raw = sample_scalars(spec.fft_n, 0xff7);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = kzg::from_scalar(raw[i]);
    auto work = values;
    k.inverse_fft(work, roots);
    m.fft = best_of(spec.runs, [&] {
      work = values;
      k.inverse_fft(work, roots);
    });
  }
  const auto jobs = sample_vdf_jobs(spec.vdf_jobs, spec.vdf_t, "vdf");
  for (const auto& j : jobs) (void)vdf::group_for(j.challenge);  // discriminants are not timed
  (void)backend.vdf_solve_batch(jobs);
  m.vdf = best_of(spec.runs, [&] { (void)backend.vdf_solve_batch(jobs); });
  m.vdf_squarings = static_cast<double>(spec.vdf_jobs) * spec.vdf_t;
  return m;
}

}  // namespace proofgrid::backends
