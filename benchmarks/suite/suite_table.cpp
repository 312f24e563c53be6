// The readable form of `proofgrid bench`: one section per part of the suite.
#include <cstdarg>
#include <cstdio>

#include "benchmarks/suite/suite_run.hpp"

namespace proofgrid::bench {
namespace {

using Json = nlohmann::ordered_json;

void add(std::string& out, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void add(std::string& out, const char* fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  out += buf;
}

double num(const Json& j, const char* key) { return j.at(key).get<double>(); }

}  // namespace

std::string suite_table(const Json& r) {
  std::string o;
  add(o, "proofgrid bench (%s) on %u cores, %.0f s\n\n", r["mode"].get<std::string>().c_str(),
      r["machine"]["cores"].get<unsigned>(), num(r, "seconds"));
  add(o, "Backends\n");
  for (const auto& b : r["backends"])
    add(o, "  %-8s %s\n", b["name"].get<std::string>().c_str(),
        b["available"].get<bool>() ? b["device"].get<std::string>().c_str()
                                   : ("not usable: " + b["reason"].get<std::string>()).c_str());

  add(o, "\nVDF, one core per backend (solve = discriminant + squarings + proof)\n");
  add(o, "  %-8s %14s %16s %18s\n", "backend", "squarings/s", "solve T=25000", "solve T=200000");
  for (const auto& [name, v] : r["vdf"]["backends"].items()) {
    const Json& a = v["solve_t25000"];
    const Json& b = v["solve_t200000"];
    add(o, "  %-8s %14.0f %14.2f s%s %16.2f s%s\n", name.c_str(), num(v, "squarings_per_second"), num(a, "seconds"),
        a["estimated"].get<bool>() ? "*" : " ", num(b, "seconds"), b["estimated"].get<bool>() ? "*" : " ");
  }
  add(o, "  * estimated from shorter runs (fixed cost + T / squarings per second)\n");
  for (const auto& [name, v] : r["vdf"]["backends"].items())
    if (v.contains("batch_squarings_per_second"))
      add(o, "  %s serves many slots: %.0f squarings/s summed over a batch of %zu chains\n", name.c_str(),
          num(v, "batch_squarings_per_second"), v["batch_jobs"].get<std::size_t>());
  const Json& ver = r["vdf"]["verify"];
  add(o, "  verify: %.2f ms with the discriminant, %.2f ms with the group cached (median of %d)\n",
      num(ver, "verify_ms"), num(ver, "verify_ms_group_cached"), ver["samples"].get<int>());

  add(o, "\nKZG commit/prove, one core, best of runs (ms)\n");
  add(o, "  %-8s %12s %12s %13s %13s\n", "backend", "commit 128", "prove 128", "commit 1024", "prove 1024");
  for (const auto& [name, k] : r["kzg"]["backends"].items())
    add(o, "  %-8s %12.2f %12.2f %13.2f %13.2f\n", name.c_str(), num(k, "commit_ms_n128"), num(k, "prove_ms_n128"),
        num(k, "commit_ms_n1024"), num(k, "prove_ms_n1024"));

  const Json& t = r["transport"];
  add(o, "\nTransport on 127.0.0.1 (TLS 1.3)\n");
  add(o, "  connect %.1f ms; round trip median %.0f us, p90 %.0f us; pipelined %.0f round trips/s "
         "(%.1f MB/s to worker, %.1f MB/s back)\n",
      num(t, "connect_ms"), num(t, "rtt_us_median"), num(t, "rtt_us_p90"), num(t, "pipelined_round_trips_per_second"),
      num(t, "pipelined_mb_per_second_to_worker"), num(t, "pipelined_mb_per_second_to_control"));

  const Json& s = r["scaling"];
  add(o, "\nScaling: worker processes on this machine (%s, T = %u, %u jobs each)\n",
      s["backend"].get<std::string>().c_str(), s["difficulty"].get<unsigned>(), s["jobs_per_worker"].get<unsigned>());
  add(o, "  %8s %14s %16s %10s\n", "workers", "round (s)", "proofs/s", "cpu share");
  for (const auto& p : s["points"])
    add(o, "  %8u %14.3f %16.3f %10.2f\n", p["workers"].get<unsigned>(), num(p, "round_seconds"), num(p, "throughput"),
        num(p, "cpu_share"));
  add(o, "  USL fit: lambda %.4g/s, sigma %.4g, kappa %.4g, r2 %.4f\n  note: %s\n", num(s, "lambda"), num(s, "sigma"),
      num(s, "kappa"), num(s, "r2"), s["fit_note"].get<std::string>().c_str());
  const Json& cf = s["cpu_clock_fit"];
  add(o, "  on CPU time (without other programs' load): sigma %.4g, kappa %.4g\n", num(cf, "sigma"), num(cf, "kappa"));
  add(o, "  predicted (same sigma, kappa on a bigger machine):");
  for (const auto& p : s["predictions"])
    add(o, " %u->%.0f%%", p["workers"].get<unsigned>(), 100 * num(p, "efficiency"));
  add(o, " efficiency\n");
  const Json& pc = s["per_core"];
  add(o, "  per-core squarings/s: min %.0f, median %.0f, max %.0f; slowest-core factor %.3f\n", num(pc, "min"),
      num(pc, "median"), num(pc, "max"), num(pc, "slowest_core_factor"));

  const Json& rec = r["recommendation"];
  add(o, "\nRecommendation (T = 25000)\n");
  add(o, "  backend %s; %u worker(s) on the control's machine, %u on a worker-only machine\n",
      rec["backend"].get<std::string>().c_str(), rec["workers_per_machine"].get<unsigned>(),
      rec["workers_per_worker_machine"].get<unsigned>());
  add(o, "  this machine alone: PolySize %zu, round %.2f s, %.0f proofs/hour\n", rec["poly_size"].get<std::size_t>(),
      num(rec, "round_seconds"), num(rec, "proofs_per_hour"));
  add(o, "  %9s %7s %9s %11s %15s %14s\n", "machines", "slots", "PolySize", "round (s)", "proofs/hour", "control share");
  for (const auto& c : rec["clusters"])
    add(o, "  %9zu %7zu %9zu %11.2f %15.0f %13.0f%%\n", c["machines"].get<std::size_t>(), c["slots"].get<std::size_t>(),
        c["poly_size"].get<std::size_t>(), num(c, "round_seconds"), num(c, "proofs_per_hour"),
        100 * num(c, "control_share"));
  for (const auto& t : rec["poly_size_tiers"]) {
    add(o, "  up to %zu such machines (%zu slots) stay within %zu slots", t["max_machines"].get<std::size_t>(),
        t["slots"].get<std::size_t>(), t["limit"].get<std::size_t>());
    if (t.contains("next_warning"))
      add(o, "; one more (%zu slots): %s", t["next_slots"].get<std::size_t>(), t["next_warning"].get<std::string>().c_str());
    add(o, "\n");
  }
  for (const auto& w : rec["warnings"]) add(o, "  warning: %s\n", w.get<std::string>().c_str());
  add(o, "  model: %s\n", rec["how"].get<std::string>().c_str());
  return o;
}

}  // namespace proofgrid::bench
