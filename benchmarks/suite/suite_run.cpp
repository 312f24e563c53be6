#include "benchmarks/suite/suite_run.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

#include "backends/registry/registry.hpp"
#include "benchmarks/scaling/scaling_run.hpp"
#include "benchmarks/scaling/usl_fit.hpp"
#include "benchmarks/suite/backend_figures.hpp"
#include "benchmarks/suite/recommend.hpp"
#include "benchmarks/transport/transport_bench.hpp"
#include "node/build_info.hpp"

namespace proofgrid::bench {
namespace {

using Json = nlohmann::ordered_json;

// Everything the three modes change, in one place.
struct Settings {
  VdfPlan vdf;
  std::uint32_t verify_t = 1000;
  int verify_samples = 5;
  int kzg_runs = 3;
  TransportBenchOptions transport;
  std::uint32_t spread_t = 2000;
  std::uint32_t scaling_t = 2000;
  unsigned scaling_jobs = 2;
  std::vector<unsigned> counts;
};

Settings settings_for(SuiteMode mode, unsigned cores) {
  Settings s;
  // Every count up to 8 cores; beyond, doublings and the core count (a 64-core machine would
  // otherwise start 2080 processes).
  for (unsigned n = 1; n <= cores; n = n < 8 ? n + 1 : 2 * n) s.counts.push_back(n);
  if (s.counts.back() != cores) s.counts.push_back(cores);
  switch (mode) {
    case SuiteMode::quick:
      s.vdf = {1000, 4000, 2, {25000, 200000}, 32};
      s.transport = {200, std::chrono::milliseconds(500), 64};
      s.spread_t = 10000;
      s.scaling_t = 4000;
      s.scaling_jobs = 3;
      break;
    case SuiteMode::full:
      s.vdf = {5000, 25000, 3, {25000, 200000}, 256};
      s.verify_samples = 30;
      s.kzg_runs = 7;
      s.transport = {1000, std::chrono::milliseconds(2000), 64};
      s.spread_t = 20000;
      s.scaling_t = 10000;
      s.scaling_jobs = 3;
      // Oversubscription gives the fit points past the core count (a 2-core machine has 1, 2).
      for (unsigned n : {cores + (cores + 1) / 2, 2 * cores, 3 * cores})
        if (n > s.counts.back()) s.counts.push_back(n);
      break;
  }
  return s;
}

bool wanted(const std::string& only, const std::string& name) {
  if (only.empty()) return true;
  std::stringstream in(only);
  for (std::string item; std::getline(in, item, ',');)
    if (item == name) return true;
  return false;
}

const char* mode_name(SuiteMode m) { return m == SuiteMode::full ? "full" : "quick"; }

// Wall seconds per part of the run, so a slow suite shows where its time went.
class PhaseClock {
 public:
  explicit PhaseClock(Json& out) : out_(out) {}
  void start(const std::string& name) {
    stop();
    name_ = name;
    t0_ = std::chrono::steady_clock::now();
  }
  void stop() {
    if (name_.empty()) return;
    out_[name_] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    name_.clear();
  }

 private:
  Json& out_;
  std::string name_;
  std::chrono::steady_clock::time_point t0_;
};

}  // namespace

Json run_suite(const SuiteOptions& o, Progress& progress) {
  const auto started = std::chrono::steady_clock::now();
  Json phases = Json::object();
  PhaseClock phase(phases);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const Settings st = settings_for(o.mode, cores);
  Json r{{"mode", mode_name(o.mode)},
         {"machine", {{"cores", cores}, {"build", std::string(build_info::kVersion) + " " + build_info::kBuildType}}}};

  std::vector<std::string> usable;
  r["backends"] = Json::array();
  for (const auto& info : backends::list_backends()) {
    Json b{{"name", info.name}, {"available", info.available}};
    if (info.available) b["device"] = info.device;
    else b["reason"] = info.reason;
    if (info.available && !wanted(o.only, info.name)) b["skipped"] = "not in --only";
    else if (info.available) usable.push_back(info.name);
    r["backends"].push_back(b);
  }
  if (usable.empty()) throw std::runtime_error("no usable backend to measure (see `proofgrid backends`; check --only)");

  phase.start("kzg_setup");
  // Progress weights, roughly seconds of a quick run: setup 2, per backend 5, verify,
  // transport and spread 1 each, 4 per scaling count.
  progress.set_total(2 + 5.0 * static_cast<double>(usable.size()) + 3 + 4.0 * static_cast<double>(st.counts.size()));
  progress.begin("KZG setup (N = 1024, insecure, in memory)");
  const KzgInputs kzg_in = prepare_kzg();
  progress.advance(2);
  r["vdf"] = {{"backends", Json::object()}};
  r["kzg"] = {{"backends", Json::object()}, {"srs1024_generate_ms", kzg_in.srs1024_generate_ms}};
  std::string best, best_cpu;
  double best_rate = 0, best_cpu_rate = 0;
  SolveModel best_model;
  for (const auto& name : usable) {
    auto backend = backends::create_backend(name, {1, ""});
    phase.start("vdf_" + name);
    progress.begin("VDF on " + name);
    SolveModel model;
    r["vdf"]["backends"][name] = measure_vdf(*backend, st.vdf, &model);
    const double rate = 1 / model.seconds_per_squaring;
    if (rate > best_rate) best = name, best_rate = rate, best_model = model;
    if (name != "opencl" && rate > best_cpu_rate) best_cpu = name, best_cpu_rate = rate;
    progress.advance(3);
    phase.start("kzg_" + name);
    progress.begin("KZG on " + name);
    r["kzg"]["backends"][name] = measure_kzg(*backend, kzg_in, st.kzg_runs);
    progress.advance(2);
  }
  r["vdf"]["best_backend"] = best;
  phase.start("verify");
  progress.begin("VDF verification");
  r["vdf"]["verify"] = measure_verify(st.verify_t, st.verify_samples);
  progress.advance(1);

  phase.start("transport");
  progress.begin("transport on 127.0.0.1");
  r["transport"] = run_transport_bench(st.transport);
  progress.advance(1);

  phase.start("per_core_spread");
  progress.begin("per-core spread");
  const CoreSpread spread = measure_core_spread(st.spread_t);
  progress.advance(1);

  // Scaling with real processes on the best per-core backend (opencl is one device, not a core).
  ScalingOptions so;
  so.backend = best_cpu.empty() ? best : best_cpu;
  so.difficulty = st.scaling_t;
  so.jobs = st.scaling_jobs;
  so.counts = st.counts;
  so.cores = cores;
  phase.start("scaling");
  progress.begin("scaling: 1 worker process");
  const auto points = run_scaling(so, [&](unsigned n) {
    progress.advance(4);
    progress.begin("scaling: " + std::to_string(n) + " worker process(es) measured");
  });
  phase.stop();
  std::vector<UslPoint> usl_points, cpu_points;
  Json scaling{{"backend", so.backend}, {"difficulty", so.difficulty}, {"jobs_per_worker", so.jobs},
               {"throughput_unit", "proofs per second at the scaling difficulty"}, {"points", Json::array()}};
  for (const auto& p : points) {
    scaling["points"].push_back(to_json(p));
    usl_points.push_back({static_cast<double>(p.workers), p.throughput});
    cpu_points.push_back({static_cast<double>(p.workers), p.throughput_cpu});
  }
  const UslFit fit = fit_usl(usl_points);
  scaling["lambda"] = fit.model.lambda;
  scaling["sigma"] = fit.model.sigma;
  scaling["kappa"] = fit.model.kappa;
  scaling["r2"] = fit.r2;
  scaling["rmse"] = fit.rmse;
  scaling["determined"] = fit.determined;
  scaling["fit_note"] = fit.note;
  // The same fit on the processes' CPU time: the hardware's own contention, without the time
  // other programs took from the workers (on a dedicated machine both fits agree).
  const UslFit cpu_fit = fit_usl(cpu_points);
  scaling["cpu_clock_fit"] = {{"lambda", cpu_fit.model.lambda}, {"sigma", cpu_fit.model.sigma},
                              {"kappa", cpu_fit.model.kappa}, {"r2", cpu_fit.r2}};
  if (const auto peak = fit.model.peak_workers()) scaling["peak_workers"] = *peak;
  else scaling["peak_workers"] = nullptr;
  // Per-machine predictions: a bigger machine of these cores, the same σ and κ.
  const double solve25k = best_model.at(25000);
  for (unsigned n : {1u, 2u, 4u, 8u, 16u, 32u, 64u}) {
    const double rel = fit.model.throughput(n) / fit.model.lambda;
    scaling["predictions"].push_back({{"workers", n},
                                      {"throughput", fit.model.throughput(n)},
                                      {"efficiency", rel / n},
                                      {"proofs_per_hour_t25000", rel * 3600 / solve25k}});
  }
  scaling["per_core"] = to_json(spread);
  r["scaling"] = scaling;

  // Recommendation: the chain's difficulty 25000, the best backend's solve time.
  const Json& kzg_best = r["kzg"]["backends"][best];
  RoundInputs in;
  in.solve_seconds = solve25k;
  in.verify_seconds = r["vdf"]["verify"]["verify_ms"].get<double>() / 1e3;
  in.commit_seconds_n128 = kzg_best["commit_ms_n128"].get<double>() / 1e3;
  in.commit_seconds_n1024 = kzg_best["commit_ms_n1024"].get<double>() / 1e3;
  in.prove_seconds_n128 = kzg_best["prove_ms_n128"].get<double>() / 1e3;
  in.prove_seconds_n1024 = kzg_best["prove_ms_n1024"].get<double>() / 1e3;
  in.slowest_core_factor = spread.slowest_core_factor;
  in.usl = fit.model;
  const unsigned with_control = recommended_workers(cores, true, fit.model);
  const unsigned worker_only = recommended_workers(cores, false, fit.model);
  const RoundEstimate here = estimate_round(in, 1, worker_only, with_control);
  Json rec{{"backend", best},
           {"workers_per_machine", with_control},
           {"workers_per_worker_machine", worker_only},
           {"poly_size", here.poly.poly_size},
           {"chunks", here.poly.chunks},
           {"difficulty", 25000},
           {"round_seconds", here.round_seconds},
           {"proofs_per_hour", here.proofs_per_hour},
           {"slowest_core_factor", spread.slowest_core_factor},
           {"warnings", Json::array()}};
  if (here.poly.warning) rec["warnings"].push_back(*here.poly.warning);
  if (!fit.determined) rec["warnings"].push_back("scaling fit: " + fit.note);
  for (std::size_t m : {1, 2, 4, 8, 16, 64}) {
    const RoundEstimate e = estimate_round(in, m, worker_only, with_control);
    rec["clusters"].push_back(to_json(e));
  }
  for (std::size_t limit : {128, 1024, 2048}) {
    const PolyTier t = poly_tier(limit, worker_only, with_control);
    Json tier{{"limit", t.limit}, {"max_machines", t.max_machines}, {"slots", t.slots}, {"next_slots", t.next_slots}};
    if (t.next_warning) tier["next_warning"] = *t.next_warning;
    rec["poly_size_tiers"].push_back(tier);
  }
  rec["how"] = "round = solve(T) x USL slowdown(workers) x slowest_core_factor + slots x verify + commit + prove; "
               "machines are independent, the control verifies every proof on its reserved core";
  r["recommendation"] = rec;
  r["phase_seconds"] = phases;
  r["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  progress.finish();
  return r;
}

ScalingChart scaling_chart(const Json& r) {
  const Json& s = r.at("scaling");
  ScalingChart c;
  c.title = "proofgrid scaling: " + s.at("backend").get<std::string>() + " backend, VDF T = " +
            std::to_string(s.at("difficulty").get<unsigned>()) + ", " +
            std::to_string(r.at("machine").at("cores").get<unsigned>()) + "-core machine";
  char sub[256];
  std::snprintf(sub, sizeof sub, "USL fit: lambda = %.3g/s, sigma = %.3g, kappa = %.3g, r2 = %.3f%s",
                s.at("lambda").get<double>(), s.at("sigma").get<double>(), s.at("kappa").get<double>(),
                s.at("r2").get<double>(), s.at("determined").get<bool>() ? "" : " (underdetermined: see fit_note)");
  c.subtitle = sub;
  c.y_label = "proofs per second (T = " + std::to_string(s.at("difficulty").get<unsigned>()) + ")";
  for (const auto& p : s.at("points"))
    c.points.push_back({p.at("workers").get<double>(), p.at("throughput").get<double>()});
  c.cores = r.at("machine").at("cores").get<double>();
  c.fit = {s.at("lambda").get<double>(), s.at("sigma").get<double>(), s.at("kappa").get<double>()};
  return c;
}

}  // namespace proofgrid::bench
