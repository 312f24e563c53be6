// `proofgrid bench opencl`: times the OpenCL kernels on one device - MSM over G1 at N = 1024,
// the Fr inverse FFT, and VDF throughput (squarings per second summed over a batch of
// chains). Figures come from one run (best of --repeat); nothing here asserts a speed.
#include <chrono>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "benchmarks/bench_command.hpp"

#ifdef PROOFGRID_HAVE_OPENCL
#include <gmp.h>

#include "backends/opencl/fft.hpp"
#include "backends/opencl/msm.hpp"
#include "backends/opencl/vdf.hpp"
#endif

namespace proofgrid::bench {
namespace {

struct OpenClBenchOptions {
  std::string device;
  std::size_t msm_n = 1024;
  std::size_t fft_n = 1024;
  std::vector<std::size_t> vdf_chains{16, 64};
  std::uint32_t vdf_t = 200;
  int repeat = 3;
  bool json = false;
};

#ifdef PROOFGRID_HAVE_OPENCL
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Host-side inputs from GMP: random field elements, curve points and VDF discriminants.
class Inputs {
 public:
  Inputs() {
    gmp_randinit_default(rng_);
    gmp_randseed_ui(rng_, 20240611);
    mpz_inits(p_, r_, t_, u_, nullptr);
    mpz_set_str(p_,
                "1280f73ff3476f313824e31d47012a0056e84f8d122131bb3be6c0f1f3975444a48ae43af6e082ac"
                "d9cd30394f4736daf68367a5513170ee0a578fdf721a4a48ac3edc154e6565912b",
                16);
    mpz_set_str(r_,
                "2386f8a925e2885e233a9ccc1615c0d6c635387a3f0b3cbe003fad6bc972c2e6e741969d34c4c9"
                "2016a85c7cd0562303c4ccbe599467c24da118a5fe6fcd671c01",
                16);
  }
  ~Inputs() {
    mpz_clears(p_, r_, t_, u_, nullptr);
    gmp_randclear(rng_);
  }
  Inputs(const Inputs&) = delete;
  Inputs& operator=(const Inputs&) = delete;

  // A point of y^2 = x^3 + 1 with random x, in Montgomery limbs (x * 2^640 mod p).
  opencl::G1AffineLimbs curve_point() {
    for (;;) {
      mpz_urandomm(t_, rng_, p_);  // x
      mpz_powm_ui(u_, t_, 3, p_);
      mpz_add_ui(u_, u_, 1);
      if (mpz_jacobi(u_, p_) != 1) continue;
      opencl::G1AffineLimbs pt;
      export_mont(pt.x.limb.data(), 10, t_, p_);
      mpz_add_ui(t_, p_, 1);
      mpz_fdiv_q_2exp(t_, t_, 2);
      mpz_powm(u_, u_, t_, p_);  // y = s^((p+1)/4), p = 3 mod 4
      export_mont(pt.y.limb.data(), 10, u_, p_);
      return pt;
    }
  }
  opencl::ScalarLimbs scalar(unsigned bits) {
    mpz_urandomb(t_, rng_, bits);
    opencl::ScalarLimbs s;
    mpz_export(s.limb.data(), nullptr, -1, 8, 0, 0, t_);
    return s;
  }
  opencl::FrLimbs fr() {
    mpz_urandomm(t_, rng_, r_);  // a random residue is a random Montgomery form too
    opencl::FrLimbs v;
    mpz_export(v.limb.data(), nullptr, -1, 8, 0, 0, t_);
    return v;
  }
  // |D| for a random 2048-bit prime = 7 (mod 8), as the VDF derives them.
  Bytes discriminant() {
    mpz_urandomb(t_, rng_, 2048);
    mpz_setbit(t_, 2047);
    do {
      mpz_nextprime(t_, t_);
    } while (mpz_fdiv_ui(t_, 8) != 7);
    Bytes out(256);
    mpz_export(out.data(), nullptr, 1, 1, 1, 0, t_);
    return out;
  }

 private:
  static void export_mont(std::uint64_t* limbs, std::size_t n, const mpz_t x, const mpz_t m) {
    mpz_t y;
    mpz_init(y);
    mpz_mul_2exp(y, x, 64 * n);
    mpz_mod(y, y, m);
    mpz_export(limbs, nullptr, -1, 8, 0, 0, y);
    mpz_clear(y);
  }
  gmp_randstate_t rng_;
  mpz_t p_, r_, t_, u_;
};

// Best wall time of `repeat` runs, and the process CPU time of that run: on a CPU device
// (PoCL) on a busy machine the CPU time is the steadier figure.
struct Timing {
  double wall_s = 1e300;
  double cpu_s = 0;
};
template <typename F>
Timing best_of(int repeat, F&& f) {
  Timing best;
  for (int i = 0; i < repeat; ++i) {
    const auto t0 = Clock::now();
    const std::clock_t c0 = std::clock();
    f();
    const double wall = seconds_since(t0);
    if (wall < best.wall_s) best = {wall, static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC};
  }
  return best;
}

nlohmann::json run_opencl_bench(const OpenClBenchOptions& o) {
  opencl::OpenClContext ctx(o.device);
  Inputs in;
  nlohmann::json out{{"device", ctx.device().label()}, {"repeat", o.repeat}};

  {  // MSM: bases fixed (as the SRS is), 512-bit scalars (KZG data chunks)
    std::vector<opencl::G1AffineLimbs> bases;
    std::vector<opencl::ScalarLimbs> scalars;
    for (std::size_t i = 0; i < o.msm_n; ++i) {
      bases.push_back(in.curve_point());
      scalars.push_back(in.scalar(512));
    }
    auto t0 = Clock::now();
    opencl::OpenClMsm msm(ctx, bases, 512);
    const double setup = seconds_since(t0);
    const Timing run = best_of(o.repeat, [&] { (void)msm.run(scalars); });
    out["msm"] = {
        {"n", o.msm_n},     {"scalar_bits", 512},  {"window_bits", msm.shape().window_bits},
        {"setup_s", setup}, {"run_s", run.wall_s}, {"run_cpu_s", run.cpu_s}};
  }
  {  // FFT: ProveRaw's inverse FFT shape
    std::vector<opencl::FrLimbs> values, twiddles;
    for (std::size_t i = 0; i < o.fft_n; ++i) values.push_back(in.fr());
    for (std::size_t i = 0; i < o.fft_n / 2; ++i) twiddles.push_back(in.fr());
    opencl::OpenClFft fft(ctx);
    const opencl::FrLimbs scale = in.fr();
    (void)fft.transform(values, twiddles, scale);  // warm-up: first launches pay set-up
    const Timing run = best_of(o.repeat, [&] { (void)fft.transform(values, twiddles, scale); });
    out["fft"] = {{"n", o.fft_n}, {"run_s", run.wall_s}, {"run_cpu_s", run.cpu_s}};
  }
  opencl::OpenClVdf vdf(ctx);
  std::vector<opencl::VdfJob> all;
  for (std::size_t chains : o.vdf_chains) {
    while (all.size() < chains) all.push_back({in.discriminant(), o.vdf_t});
    const std::span<const opencl::VdfJob> jobs(all.data(), chains);
    const Timing t = best_of(o.repeat, [&] { (void)vdf.solve(jobs, 64); });
    const double total = static_cast<double>(chains) * o.vdf_t;
    out["vdf"].push_back({{"chains", chains},
                          {"T", o.vdf_t},
                          {"seconds", t.wall_s},
                          {"cpu_seconds", t.cpu_s},
                          {"squarings_per_s", total / t.wall_s},
                          {"per_chain_squarings_per_s", o.vdf_t / t.wall_s},
                          {"squarings_per_cpu_s", total / t.cpu_s}});
  }
  return out;
}

void print_table(const nlohmann::json& r) {
  auto ms = [](const nlohmann::json& v) { return static_cast<long>(v.get<double>() * 1e3 + 0.5); };
  auto n = [](const nlohmann::json& v) { return static_cast<long>(v.get<double>() + 0.5); };
  std::cout << "device: " << r["device"].get<std::string>() << " (best of " << r["repeat"]
            << "; cpu = process CPU time, the steadier figure on a busy CPU device)\n";
  const auto& m = r["msm"];
  std::cout << "msm   N=" << m["n"] << " (" << m["scalar_bits"]
            << "-bit scalars, c=" << m["window_bits"] << "): " << ms(m["run_s"])
            << " ms per MSM (cpu " << ms(m["run_cpu_s"]) << " ms); table set-up "
            << ms(m["setup_s"]) << " ms once per base set\n";
  std::cout << "fft   N=" << r["fft"]["n"] << ": " << ms(r["fft"]["run_s"]) << " ms (cpu "
            << ms(r["fft"]["run_cpu_s"]) << " ms)\n";
  for (const auto& v : r["vdf"])
    std::cout << "vdf   " << v["chains"] << " chains x T=" << v["T"] << ": "
              << n(v["squarings_per_s"]) << " squarings/s summed, "
              << n(v["per_chain_squarings_per_s"]) << " per chain (" << n(v["squarings_per_cpu_s"])
              << " per CPU-second)\n";
}
#endif

std::vector<std::size_t> parse_list(const std::string& s) {
  std::vector<std::size_t> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::stoul(item));
  return out;
}

}  // namespace

void add_opencl_bench_command(CLI::App& bench) {
  auto* cmd = bench.add_subcommand(
      "opencl", "Time the OpenCL kernels on one device: MSM, Fr FFT, VDF chain batches");
  auto opts = std::make_shared<OpenClBenchOptions>();
  auto chains = std::make_shared<std::string>("16,64");
  cmd->add_option(
      "--device", opts->device,
      "auto (first GPU), P:D, or part of a device name; default $PROOFGRID_OPENCL_DEVICE");
  cmd->add_option("--msm-n", opts->msm_n, "MSM size (fixed bases, 512-bit scalars)")
      ->capture_default_str();
  cmd->add_option("--fft-n", opts->fft_n, "FFT size, a power of two")->capture_default_str();
  cmd->add_option("--vdf-chains", *chains, "comma-separated batch sizes")->capture_default_str();
  cmd->add_option("--vdf-t", opts->vdf_t, "squarings per chain")->capture_default_str();
  cmd->add_option("--repeat", opts->repeat, "runs per figure; the best is reported")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_flag("--json", opts->json, "print one JSON object instead of a table");
  cmd->footer(
      "Inputs are random (curve points, 2048-bit prime discriminants); kernels build on first use\n"
      "and are cached. PoCL runs them on the CPU; on a GPU machine pick the GPU with --device.\n"
      "Examples:\n"
      "  proofgrid bench opencl\n"
      "  proofgrid bench opencl --device 0:0 --vdf-chains 256,1024 --vdf-t 1000 --json");
  cmd->callback([opts, chains] {
#ifdef PROOFGRID_HAVE_OPENCL
    nlohmann::json r;
    try {
      opts->vdf_chains = parse_list(*chains);
      r = run_opencl_bench(*opts);
    } catch (const std::exception& e) {  // no OpenCL here, bad --device, a kernel fault
      std::cerr << "bench opencl: " << e.what() << "\n";
      throw CLI::RuntimeError(1);  // CLI11 prints nothing for RuntimeError: we just did
    }
    if (opts->json) {
      std::cout << r.dump(2) << "\n";
    } else {
      print_table(r);
    }
#else
    (void)parse_list(*chains);
    std::cerr << "bench opencl: this proofgrid was built without the OpenCL backend "
                 "(PROOFGRID_OPENCL=OFF or no CL/cl.h at build time); install opencl-headers "
                 "and configure with -DPROOFGRID_OPENCL=ON\n";
    throw CLI::RuntimeError(2);
#endif
  });
}

}  // namespace proofgrid::bench
