#include "engine/kzg/srs_generate.hpp"

#include <stdexcept>
#include <string>

#include "engine/common/hash.hpp"
#include "engine/kzg/domain.hpp"
#include "engine/kzg/field.hpp"
#include "engine/kzg/fixed_base_mul.hpp"
#include "engine/kzg/g1.hpp"
#include "engine/kzg/g1_codec.hpp"
#include "engine/kzg/g2.hpp"

namespace proofgrid::kzg {
namespace {

constexpr const char* kInsecureNote =
    "INSECURE TEST SETUP: tau is derived from a public seed by `proofgrid srs generate`; anyone who "
    "knows the seed can forge commitments and openings. For local test clusters only.";

// tau = SHAKE256(domain || seed) read as a 576-bit integer, reduced mod r.
Fr derive_tau(std::string_view seed) {
  const std::string input = std::string("proofgrid/insecure-srs/tau/v1\0", 30) + std::string(seed);
  const Bytes wide = shake256(as_bytes(input), 72);
  return fr_reduce(limbs_from_be<Fr::kLimbs>(wide));
}

std::string hex0x(ByteView b) { return "0x" + to_hex(b); }
std::string hex0x(const Fr& x) { return hex0x(to_bytes73(x)); }

}  // namespace

nlohmann::json generate_insecure_srs(std::size_t size, std::string_view tau_seed, GeneratedSrsInfo* info) {
  if (size < 16) throw std::invalid_argument("srs size must be at least 16 (the smallest ceremony domain)");
  if (size > (std::size_t{1} << 20)) throw std::invalid_argument("srs size above 2^20 is not supported");
  if (tau_seed.empty()) throw std::invalid_argument("the tau seed must not be empty");
  const Fr tau = derive_tau(tau_seed);
  // tau must lie outside every domain (tau^1024 != 1 covers all N <= 1024) and be non-zero,
  // or the Lagrange values below divide by zero. A seed hitting this is astronomically unlikely.
  if (is_zero(tau) || pow(tau, Limbs<1>{1024}) == field_one<Fr>()) {
    throw std::invalid_argument("this tau seed lands in an evaluation domain; pick another seed");
  }

  // Scalars: the powers, then each Lagrange table in ascending N.
  std::vector<Fr> values;
  values.reserve(2 * size + 2048);
  Fr acc = field_one<Fr>();
  for (std::size_t k = 0; k <= size; ++k) {
    values.push_back(acc);
    acc = acc * tau;
  }
  std::vector<std::size_t> sizes;
  for (std::size_t n = 16; n <= std::min(size, kMaxRealDomain); n *= 2) sizes.push_back(n);
  for (const std::size_t n : sizes) {
    // L_i(tau) = omega^i (tau^N - 1) / (N (tau - omega^i)).
    const std::vector<Fr> roots = roots_table(n);
    std::vector<Fr> den(n);
    const Fr n_fr = from_u64<Fr>(n);
    for (std::size_t i = 0; i < n; ++i) den[i] = n_fr * (tau - roots[i]);
    std::vector<Fr> scratch;
    batch_inverse<Fr>(den, scratch);
    Limbs<1> e{n};
    const Fr numerator = pow(tau, e) - field_one<Fr>();
    for (std::size_t i = 0; i < n; ++i) values.push_back(roots[i] * numerator * den[i]);
  }
  std::vector<Scalar> scalars(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) scalars[i] = to_scalar(values[i]);
  const std::vector<G1Affine> points = multiples_of(g1_generator(), scalars);

  nlohmann::json out;
  out["insecure"] = kInsecureNote;
  out["generator"] = {{"tool", "proofgrid srs generate"}, {"size", size}, {"tau_seed", std::string(tau_seed)}};
  nlohmann::json g1 = nlohmann::json::array();
  for (std::size_t k = 0; k <= size; ++k) g1.push_back(hex0x(compress(points[k])));
  out["powersOfTau"]["G1Powers"] = std::move(g1);
  const G2Bytes g2 = compress(g2_generator());
  const G2Bytes tau2 = compress(to_affine(scalar_mul(g2_generator(), to_scalar(tau))));
  out["powersOfTau"]["G2Powers"] = {hex0x(g2), hex0x(tau2)};
  nlohmann::json& sized = out["sized"];
  sized["rootOfUnity"] = nlohmann::json::object();
  sized["rootsOfUnity"] = nlohmann::json::object();
  sized["G1FFT"] = nlohmann::json::object();
  std::size_t offset = size + 1;
  for (const std::size_t n : sizes) {
    const std::string key = std::to_string(n);
    sized["rootOfUnity"]["rootOfUnity" + key] = hex0x(root_of_unity(n));
    nlohmann::json roots = nlohmann::json::array();
    for (const Fr& r : roots_table(n)) roots.push_back(hex0x(r));
    sized["rootsOfUnity"]["rootsOfUnity" + key] = std::move(roots);
    nlohmann::json table = nlohmann::json::array();
    for (std::size_t i = 0; i < n; ++i) table.push_back(hex0x(compress(points[offset + i])));
    sized["G1FFT"]["G1FFT" + key] = std::move(table);
    offset += n;
  }
  if (info != nullptr) {
    info->g1_powers = size + 1;
    info->g2_powers = out["powersOfTau"]["G2Powers"].size();
    info->lagrange_tables = sizes.size();
  }
  return out;
}

}  // namespace proofgrid::kzg
