#include "benchmarks/suite/backend_figures.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

#include "backends/registry/measure.hpp"
#include "benchmarks/suite/statistics.hpp"
#include "engine/common/hash.hpp"
#include "engine/kzg/kzg.hpp"
#include "engine/kzg/srs_generate.hpp"
#include "engine/vdf/discriminant.hpp"
#include "engine/vdf/vdf.hpp"
#include "node/config/config.hpp"

namespace proofgrid::bench {
namespace {

using Clock = std::chrono::steady_clock;

// CPU backends are timed on the process's CPU clock: on a shared machine that is the core's
// own speed (the wall clock adds whatever else ran). A device backend waits for its device,
// so only the wall clock means anything there.
bool on_device(const Backend& b) { return b.name() == "opencl"; }

double seconds(const Backend& b, const backends::Timing& t) { return on_device(b) ? t.wall : t.cpu; }

backends::Timing solve_timing(Backend& b, const VdfJob& job) {
  return backends::best_of(1, [&] { (void)b.vdf_solve_batch(std::span<const VdfJob>(&job, 1)); });
}

}  // namespace

nlohmann::ordered_json measure_vdf(Backend& backend, const VdfPlan& plan, SolveModel* model_out) {
  if (plan.long_t <= plan.short_t) throw std::invalid_argument("bench: the long VDF run must be longer than the short one");
  const std::string label = "suite/" + backend.name();
  // Fresh challenge: what a worker pays per round (the discriminant is derived from it).
  const VdfJob fresh = backends::sample_vdf_jobs(1, plan.short_t, label + "/fresh")[0];
  const double fresh_short = seconds(backend, solve_timing(backend, fresh));
  // Cached group, two lengths: the difference is the squarings' (and proof's) cost alone.
  VdfJob cached = backends::sample_vdf_jobs(1, plan.short_t, label + "/cached")[0];
  (void)vdf::group_for(cached.challenge);
  double short_s = 1e300, long_s = 1e300, long_wall = 1e300;
  for (int i = 0; i < std::max(1, plan.runs); ++i) {
    cached.difficulty = plan.short_t;
    short_s = std::min(short_s, seconds(backend, solve_timing(backend, cached)));
    cached.difficulty = plan.long_t;
    const backends::Timing t = solve_timing(backend, cached);
    long_s = std::min(long_s, seconds(backend, t));
    long_wall = std::min(long_wall, t.wall);
  }
  SolveModel m;
  m.seconds_per_squaring = std::max(1e-12, (long_s - short_s) / (plan.long_t - plan.short_t));
  m.fixed_seconds = std::max(0.0, fresh_short - m.seconds_per_squaring * plan.short_t);
  m.largest_measured_t = plan.long_t;
  nlohmann::ordered_json r{{"device", backend.device()},
                           {"clock", on_device(backend) ? "wall" : "process CPU time"},
                           {"squarings_per_second", 1 / m.seconds_per_squaring},
                           {"squarings_per_second_wall", plan.long_t / long_wall},
                           {"fixed_seconds", m.fixed_seconds},
                           {"measured_difficulties", {plan.short_t, plan.long_t}}};
  for (std::uint32_t t : plan.targets) {
    nlohmann::ordered_json s{{"seconds", m.at(t)}, {"estimated", t > m.largest_measured_t}};
    if (t > m.largest_measured_t)
      s["how"] = "estimated as fixed + T / squarings_per_second from runs at T = " + std::to_string(plan.short_t) +
                 " and " + std::to_string(plan.long_t);
    r["solve_t" + std::to_string(t)] = s;
  }
  if (on_device(backend) && plan.device_batch > 0) {
    // One challenge repeated: its group is derived once, so the batch times the device alone.
    const std::vector<VdfJob> batch(plan.device_batch, VdfJob{cached.challenge, plan.short_t});
    const double wall = backends::best_of(1, [&] { (void)backend.vdf_solve_batch(batch); }).wall;
    r["batch_jobs"] = plan.device_batch;
    r["batch_squarings_per_second"] = static_cast<double>(plan.device_batch) * plan.short_t / wall;
  }
  if (model_out) *model_out = m;
  return r;
}

nlohmann::ordered_json measure_verify(std::uint32_t t, int samples) {
  std::vector<double> fresh, cached;
  for (int i = 0; i < samples; ++i) {
    const Digest32 d = sha3_256(as_bytes("proofgrid/bench/verify/" + std::to_string(i)));
    const Bytes c(d.begin(), d.end());
    const vdf::Output out = vdf::solve(c, t);  // leaves c's group cached
    bool ok_fresh = false, ok_cached = false;
    // Process CPU time, as for the CPU backends: the core's speed on a shared machine.
    fresh.push_back(1e3 * backends::best_of(1, [&] {
                      const vdf::Group g(vdf::create_discriminant(c));
                      ok_fresh = vdf::verify(g, t, out);
                    }).cpu);
    cached.push_back(1e3 * backends::best_of(1, [&] { ok_cached = vdf::verify(c, t, out); }).cpu);
    if (!ok_fresh || !ok_cached) throw std::runtime_error("bench: a proof just solved did not verify");
  }
  return {{"verify_ms", median(fresh)}, {"verify_ms_group_cached", median(cached)}, {"difficulty", t},
          {"samples", samples},
          {"note", "verification cost hardly depends on T; verify_ms includes deriving the discriminant"}};
}

KzgInputs prepare_kzg() {
  KzgInputs in;
  in.srs128 = kzg::Srs::load(kzg::default_srs_path(config::this_machine().shared_dir));
  const auto t0 = Clock::now();
  const std::string generated = kzg::generate_insecure_srs(1024, "proofgrid-bench-suite").dump();
  kzg::SrsLoadOptions quiet;
  quiet.warn = [](const std::string&) {};  // the bench's own insecure setup, never used for records
  in.srs1024 = kzg::Srs::parse(generated, "generated insecure SRS (bench)", quiet);
  in.srs1024_generate_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  return in;
}

nlohmann::ordered_json measure_kzg(Backend& backend, const KzgInputs& in, int runs) {
  // P worker digests stand in for a round: 64 pseudo-random bytes per slot.
  const Bytes d128 = shake256(as_bytes("proofgrid/bench/kzg/128"), 64 * 128);
  const Bytes d1024 = shake256(as_bytes("proofgrid/bench/kzg/1024"), 64 * 1024);
  const kzg::Kernels& k = backend.kzg_kernels();
  // One untimed call each builds the SRS tables (a one-time cost per process).
  (void)kzg::commit(*in.srs128, d128, 128, k);
  (void)kzg::commit(*in.srs1024, d1024, 1024, k);
  (void)kzg::prove(*in.srs128, d128, 0, 128, k);
  (void)kzg::prove(*in.srs1024, d1024, 0, 1024, k);
  auto ms = [&](auto&& fn) { return 1e3 * seconds(backend, backends::best_of(runs, fn)); };
  return {{"commit_ms_n128", ms([&] { (void)kzg::commit(*in.srs128, d128, 128, k); })},
          {"prove_ms_n128", ms([&] { (void)kzg::prove(*in.srs128, d128, 77, 128, k); })},
          {"commit_ms_n1024", ms([&] { (void)kzg::commit(*in.srs1024, d1024, 1024, k); })},
          {"prove_ms_n1024", ms([&] { (void)kzg::prove(*in.srs1024, d1024, 777, 1024, k); })},
          {"runs", runs},
          {"clock", on_device(backend) ? "wall" : "process CPU time"}};
}

}  // namespace proofgrid::bench
