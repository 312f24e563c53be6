// Load: one control process with 2048 slots at difficulty 1, its workers multiplexed (two
// processes, each serving 1024 slots through the hidden `--serve-cores`), for
// PROOFGRID_LOAD_ROUNDS rounds (100 when unset; CI sets fewer, see .ci/run). It reports the
// control's RSS after round 10 and after the last round, and the per-round overhead (the
// control's CPU seconds and the wall time per round), and fails when the RSS grows beyond
// noise (a leak) or the chain does not verify. The figures go to stdout for docs/reliability.md.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <thread>

#include "tests/integration/fault/fault_support.hpp"

using namespace proofgrid::test;

namespace {

struct Sample {
  long rss_kib = 0;
  double cpu_seconds = 0;
  std::chrono::steady_clock::time_point at;
};

Sample sample(pid_t pid) {
  Sample s;
  s.at = std::chrono::steady_clock::now();
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string key; status >> key;) {
    if (key == "VmRSS:") status >> s.rss_kib;
    status.ignore(1 << 20, '\n');
  }
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::istringstream rest(text.substr(text.rfind(')') + 2));
  std::string field;
  unsigned long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {  // fields 14 and 15: utime, stime (ticks)
    if (i == 14) utime = std::stoul(field);
    if (i == 15) stime = std::stoul(field);
  }
  s.cpu_seconds = static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  return s;
}

// wait_rounds polls every 50 ms with a regex over the whole log; with 2048 slots the log is
// large, and that polling would take CPU from the run it measures.
bool wait_rounds_slowly(Proc& control, std::size_t n, std::chrono::seconds limit) {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
    if (round_count(control) >= n) return true;
    if (!control.running()) return false;
    std::this_thread::sleep_for(std::chrono::seconds(2));
  }
  return round_count(control) >= n;
}

std::size_t load_rounds() {
  const char* env = std::getenv("PROOFGRID_LOAD_ROUNDS");
  const std::size_t n = env ? std::strtoul(env, nullptr, 10) : 100;
  return std::max<std::size_t>(n, 4);
}

}  // namespace

TEST_CASE("load: a control with 2048 slots holds for PROOFGRID_LOAD_ROUNDS rounds without leaking",
          "[load][slow]") {
  constexpr unsigned kSlots = 2048, kProcesses = 2;
  const std::size_t rounds = load_rounds();
  const std::size_t first = std::min<std::size_t>(10, rounds / 2);  // the RSS baseline round
  TempDir dir("pg-load");
  // Two chunks of 1024 per round: a test SRS of that size (tau from a public seed).
  const auto srs = dir / "srs-1024.json";
  const auto gen = run_tool({"srs", "generate", "--size", "1024", "--insecure-tau-seed", "proofgrid load test",
                             "--out", srs.string()}, 300s);
  INFO(gen.out << gen.err);
  REQUIRE(gen.exit_code == 0);

  ClusterConfig cfg = ClusterConfig::listed(kSlots);
  cfg.difficulty = 1;
  cfg.prove_timeout = "10m";  // each worker process queues 1024 jobs per round
  cfg.srs = srs;
  const auto cfg_dir = cfg.write(dir);
  std::vector<std::unique_ptr<Proc>> workers;
  for (unsigned p = 0; p < kProcesses; ++p) {
    const unsigned per = kSlots / kProcesses;
    workers.push_back(std::make_unique<Proc>(
        std::vector<std::string>{"--config", cfg_dir.string(), "--core", std::to_string(p * per + 1),
                                 "--serve-cores", std::to_string(per)},
        dir / ("workers" + std::to_string(p) + ".log")));
  }
  for (auto& w : workers)
    if (!w->wait_for("data worker ready", 120s)) FAIL("a worker process did not start:\n" << w->output().substr(0, 4000));
  Proc control({"--config", cfg_dir.string()}, dir / "control.log");
  LogOnFailure log_on_failure(control, "control");
  // A round costs about 80 s of CPU here (two 20 ms discriminants per slot): 2 minutes each
  // is generous on 2 cores and still ends a hung run.
  REQUIRE(wait_rounds_slowly(control, first, std::chrono::seconds(120 + 120 * first)));
  const Sample base = sample(control.pid());
  REQUIRE(wait_rounds_slowly(control, rounds, std::chrono::seconds(120 * rounds)));
  const Sample end = sample(control.pid());
  const double per_round_cpu = (end.cpu_seconds - base.cpu_seconds) / static_cast<double>(rounds - first);
  const double per_round_wall =
      std::chrono::duration<double>(end.at - base.at).count() / static_cast<double>(rounds - first);
  std::cout << "load: " << kSlots << " slots, difficulty 1, " << kProcesses << " worker processes; control RSS "
            << base.rss_kib / 1024.0 << " MiB after round " << first << ", " << end.rss_kib / 1024.0
            << " MiB after round " << rounds << "; per round over rounds " << first << ".." << rounds << ": "
            << per_round_wall << " s wall, " << per_round_cpu << " s control CPU" << std::endl;
  for (const auto& line : round_lines(control.output())) REQUIRE_THAT(line, Catch::Contains("P=2048"));
  // No leak: a bounded allocator drift, nothing per round or per slot (2048 slots x 100
  // rounds would add megabytes even at a few bytes each).
  CHECK(end.rss_kib <= base.rss_kib + base.rss_kib / 10 + 4096);
  stop_cleanly(control);
  verify_clean(cfg_dir, rounds - 1);
}
