// The OpenCL Fr FFT as ProveRaw's inverse FFT (KZG spec 8.2): random vectors against an
// O(N^2) inverse DFT, and the vector file's quotient checks, which pin down the reference's
// butterfly order at the pseudo-root sizes 2048 and 65536.
#include "backends/opencl/fft.hpp"

#include <catch2/catch.hpp>

#include "engine/common/hash.hpp"
#include "tests/support/paths.hpp"
#include "tests/unit/opencl/bls_oracle.hpp"
#include "tests/unit/opencl/opencl_test_support.hpp"

namespace proofgrid::test {
namespace {

using opencl::FrLimbs;

mpz_class powm(const mpz_class& b, const mpz_class& e) {
  mpz_class out;
  mpz_powm(out.get_mpz_t(), b.get_mpz_t(), e.get_mpz_t(), bls::r().get_mpz_t());
  return out;
}

// KZG spec 5: omega_N = 37^floor((r-1)/N), R_N[k] = omega^(N-k) (R_N[0] = 1), not inverses.
mpz_class omega(std::size_t n) { return powm(37, (bls::r() - 1) / static_cast<unsigned long>(n)); }

std::vector<FrLimbs> reverse_table(std::size_t n) {
  const mpz_class w = omega(n);
  std::vector<mpz_class> t(n + 1);  // T_N[j] = omega^j, T_N[N] = 1
  t[0] = 1;
  for (std::size_t j = 1; j < n; ++j) t[j] = t[j - 1] * w % bls::r();
  t[n] = 1;
  std::vector<FrLimbs> out(n / 2);
  for (std::size_t k = 0; k < n / 2; ++k) out[k] = bls::fr_mont(t[n - k]);
  return out;
}

std::vector<mpz_class> inverse_fft(opencl::OpenClFft& fft, const std::vector<mpz_class>& v) {
  const std::size_t n = v.size();
  std::vector<FrLimbs> in;
  for (const mpz_class& x : v) in.push_back(bls::fr_mont(x));
  mpz_class n_inv;
  mpz_invert(n_inv.get_mpz_t(), mpz_class(static_cast<unsigned long>(n)).get_mpz_t(),
             bls::r().get_mpz_t());
  const std::vector<FrLimbs> out = fft.transform(in, reverse_table(n), bls::fr_mont(n_inv));
  std::vector<mpz_class> c;
  for (const FrLimbs& x : out) c.push_back(bls::fr_value(x));
  return c;
}

}  // namespace

TEST_CASE("OpenCL inverse FFT equals the O(N^2) inverse DFT on true domains", "[opencl][fft]") {
  opencl::OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  opencl::OpenClFft fft(*ctx);
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(99);
  for (std::size_t n : {1u, 2u, 16u, 128u, 1024u}) {
    INFO("N = " << n);
    std::vector<mpz_class> v(n);
    for (auto& x : v) x = rng.get_z_range(bls::r());
    const std::vector<mpz_class> c = inverse_fft(fft, v);
    // c_j = N^-1 sum_i v_i omega^(-ij), by Horner in omega^(-j).
    mpz_class n_inv, w_inv;
    mpz_invert(n_inv.get_mpz_t(), mpz_class(static_cast<unsigned long>(n)).get_mpz_t(),
               bls::r().get_mpz_t());
    mpz_invert(w_inv.get_mpz_t(), omega(n).get_mpz_t(), bls::r().get_mpz_t());
    mpz_class point = 1;
    std::size_t mismatches = 0;
    for (std::size_t j = 0; j < n; ++j) {
      mpz_class acc = 0;
      for (std::size_t i = n; i-- > 0;) acc = (acc * point + v[i]) % bls::r();
      if (acc * n_inv % bls::r() != c[j]) ++mismatches;
      point = point * w_inv % bls::r();
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("OpenCL inverse FFT reproduces the reference quotients at 128, 2048 and 65536",
          "[opencl][fft]") {
  opencl::OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  opencl::OpenClFft fft(*ctx);
  const auto vectors = load_json(shared_dir() / "vectors" / "kzg_bls48581.json");
  int checked = 0;
  for (const auto& check : vectors.at("quotient_checks").at("checks")) {
    const std::size_t n = check.at("N").get<std::size_t>();
    const std::size_t workers = check.at("P").get<std::size_t>();
    const std::size_t idx = check.at("idx").get<std::size_t>();
    INFO("N = " << n << ", idx = " << idx);
    REQUIRE(mpz_class(check.at("omega_hex").get<std::string>(), 16) == omega(n));
    // data = SHA3-512 of each worker proof SHAKE256("pseudo-root-check-" + i)[0..516).
    Bytes data;
    std::vector<mpz_class> v(n, 0);
    for (std::size_t i = 0; i < workers; ++i) {
      const Digest64 h =
          sha3_512(shake256(as_bytes("pseudo-root-check-" + std::to_string(i)), 516));
      append(data, h);
      v[i] = bls::from_be(h);
    }
    REQUIRE(to_hex(sha3_256(data)) == check.at("data_sha3_256").get<std::string>());
    const std::vector<mpz_class> c = inverse_fft(fft, v);
    // KZG spec 8.3: q[N-2] = c[N-1], q[k-1] = c[k] + z q[k], z = T_N[idx] = omega^idx.
    const mpz_class z = powm(omega(n), static_cast<unsigned long>(idx));
    std::vector<mpz_class> q(n - 1);
    q[n - 2] = c[n - 1];
    for (std::size_t k = n - 2; k >= 1; --k) q[k - 1] = (c[k] + z * q[k]) % bls::r();
    Bytes q_bytes;
    for (const mpz_class& x : q) append(q_bytes, bls::to_be(x, 73));
    CHECK(to_hex(sha3_256(q_bytes)) == check.at("q_sha3_256").get<std::string>());
    ++checked;
  }
  CHECK(checked == 4);
}

TEST_CASE("OpenCL FFT rejects sizes that are not powers of two", "[opencl][fft]") {
  opencl::OpenClContext* ctx = opencl_context();
  if (!ctx) return;
  opencl::OpenClFft fft(*ctx);
  const std::vector<FrLimbs> three(3), tw(2);
  CHECK_THROWS_AS(fft.transform(three, tw, FrLimbs{}), std::invalid_argument);
  const std::vector<FrLimbs> four(4), short_tw(1);
  CHECK_THROWS_WITH(fft.transform(four, short_tw, FrLimbs{}), Catch::Contains("need at least N/2"));
}

}  // namespace proofgrid::test
