#include "benchmarks/scaling/scaling_run.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "backends/registry/measure.hpp"
#include "benchmarks/suite/command_errors.hpp"
#include "benchmarks/suite/statistics.hpp"
#include "backends/registry/registry.hpp"
#include "engine/common/hash.hpp"
#include "engine/vdf/vdf.hpp"

extern char** environ;

namespace proofgrid::bench {
namespace {


// Pins the calling thread to one core; false if the core is not ours to use.
bool pin_to(int core) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(core, &set);
  return sched_setaffinity(0, sizeof set, &set) == 0;
}

std::vector<int> allowed_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cores;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return {0};
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &set)) cores.push_back(c);
  return cores;
}

// A running probe: its pid, the write end of its stdin (the start signal) and the read ends
// of its stdout and stderr.
struct Child {
  pid_t pid = -1;
  int in = -1, out = -1, err = -1;
};

std::string read_all(int fd) {
  std::string s;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    s.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  return s;
}

Child spawn_probe(const ScalingOptions& o, unsigned index, const std::vector<int>& cores) {
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
    throw std::runtime_error("bench scaling: cannot create pipes for a probe process");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  std::vector<std::string> args = {"proofgrid", "bench", "scaling-probe", "--backend", o.backend,
                                   "--difficulty", std::to_string(o.difficulty), "--jobs", std::to_string(o.jobs),
                                   "--label", "w" + std::to_string(index), "--wait-start"};
  if (!cores.empty()) {
    args.push_back("--pin");
    args.push_back(std::to_string(cores[index % cores.size()]));
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  Child c;
  const int rc = posix_spawn(&c.pid, "/proc/self/exe", &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  if (rc != 0) {
    close(in[1]);
    close(out[0]);
    close(err[0]);
    throw std::runtime_error("bench scaling: cannot start a probe process from /proc/self/exe: " +
                             std::string(std::strerror(rc)));
  }
  c.in = in[1];
  c.out = out[0];
  c.err = err[0];
  return c;
}

ScalingPoint measure_count(const ScalingOptions& o, unsigned workers, const std::vector<int>& cores) {
  std::vector<Child> children;
  for (unsigned i = 0; i < workers; ++i) children.push_back(spawn_probe(o, i, cores));
  // Every process is loaded and waiting: start them together. A probe that already failed
  // has closed its stdin; its exit status says why, so the write must not kill us (SIGPIPE).
  struct sigaction ignore{}, previous{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &previous);
  for (auto& c : children) {
    (void)!write(c.in, "go\n", 3);
    close(c.in);
  }
  sigaction(SIGPIPE, &previous, nullptr);
  ScalingPoint p;
  p.workers = workers;
  p.fastest_seconds = 1e300;
  double share = 0, round_cpu = 0;
  std::string problem;
  for (auto& c : children) {
    const std::string out = read_all(c.out), err = read_all(c.err);
    int status = 0;
    waitpid(c.pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      problem = "a scaling probe process failed: " + err;
      continue;
    }
    try {
      const auto j = nlohmann::json::parse(out);
      const double total = j.at("total_seconds").get<double>();
      p.round_seconds = std::max(p.round_seconds, total);
      p.fastest_seconds = std::min(p.fastest_seconds, total);
      const double cpu = j.at("cpu_seconds").get<double>();
      round_cpu = std::max(round_cpu, cpu);
      share += cpu / total;
    } catch (const std::exception& e) {
      problem = "a scaling probe printed something that is not its report (" + std::string(e.what()) + "): " + out;
    }
  }
  if (!problem.empty()) throw std::runtime_error(problem);
  p.throughput = workers * o.jobs / p.round_seconds;
  p.throughput_cpu = workers * o.jobs / round_cpu;
  p.cpu_share = share / workers;
  return p;
}

struct ProbeOptions {
  std::string backend = "cpu";
  std::uint32_t difficulty = 2000;
  unsigned jobs = 1;
  std::string label = "w0";
  bool wait_start = false;
  int pin = -1;
};

// The child: what one data worker does in a round, reported as JSON on stdout.
void run_probe(const ProbeOptions& o) {
  if (o.pin >= 0 && !pin_to(o.pin))
    throw std::runtime_error("cannot pin to core " + std::to_string(o.pin) + " (not in this process's CPU set)");
  auto backend = backends::create_backend(o.backend, {1, ""});
  const auto jobs = backends::sample_vdf_jobs(o.jobs, o.difficulty, "scaling/" + o.label);
  if (o.wait_start) {
    std::string line;
    std::getline(std::cin, line);
  }
  // One job at a time, as a data worker proves one slot after another.
  const backends::Timing t = backends::best_of(1, [&] {
    for (const auto& job : jobs) (void)backend->vdf_solve_batch(std::span<const VdfJob>(&job, 1));
  });
  std::cout << nlohmann::json{{"total_seconds", t.wall}, {"cpu_seconds", t.cpu}}.dump() << std::endl;
}

}  // namespace

std::vector<ScalingPoint> run_scaling(const ScalingOptions& o, const std::function<void(unsigned)>& progress) {
  std::vector<int> cores = allowed_cores();
  if (cores.size() > o.cores) cores.resize(o.cores);
  std::vector<ScalingPoint> points;
  for (unsigned n : o.counts) {
    points.push_back(measure_count(o, n, cores));
    if (progress) progress(n);
  }
  return points;
}

CoreSpread measure_core_spread(std::uint32_t difficulty) {
  CoreSpread s;
  cpu_set_t saved;
  CPU_ZERO(&saved);
  sched_getaffinity(0, sizeof saved, &saved);
  const Digest32 d = sha3_256(as_bytes("proofgrid/bench/core-spread"));
  const auto group = vdf::group_for(Bytes(d.begin(), d.end()));
  for (int core : allowed_cores()) {
    if (!pin_to(core)) continue;
    (void)vdf::run_chain(*group, std::min<std::uint32_t>(difficulty, 200));  // settle on the core
    const backends::Timing t = backends::best_of(1, [&] { (void)vdf::run_chain(*group, difficulty); });
    s.cores.push_back(core);
    s.squarings_per_second.push_back(difficulty / t.cpu);
    s.squarings_per_second_wall.push_back(difficulty / t.wall);
  }
  sched_setaffinity(0, sizeof saved, &saved);
  if (s.cores.empty()) return s;
  s.min = *std::min_element(s.squarings_per_second.begin(), s.squarings_per_second.end());
  s.max = *std::max_element(s.squarings_per_second.begin(), s.squarings_per_second.end());
  s.median = median(s.squarings_per_second);
  s.slowest_core_factor = s.median / s.min;
  return s;
}

nlohmann::ordered_json to_json(const ScalingPoint& p) {
  return {{"workers", p.workers},
          {"round_seconds", p.round_seconds},
          {"fastest_worker_seconds", p.fastest_seconds},
          {"throughput", p.throughput},
          {"throughput_cpu", p.throughput_cpu},
          {"cpu_share", p.cpu_share}};
}

nlohmann::ordered_json to_json(const CoreSpread& s) {
  return {{"cores", s.cores},
          {"squarings_per_second", s.squarings_per_second},
          {"squarings_per_second_wall", s.squarings_per_second_wall},
          {"min", s.min},
          {"median", s.median},
          {"max", s.max},
          {"slowest_core_factor", s.slowest_core_factor}};
}

void add_scaling_probe_command(CLI::App& bench) {
  auto o = std::make_shared<ProbeOptions>();
  auto* cmd = bench.add_subcommand("scaling-probe", "One worker process of the scaling benchmark (internal)");
  cmd->group("");  // hidden: `proofgrid bench` starts it
  cmd->add_option("--backend", o->backend, "Backend to solve with");
  cmd->add_option("--difficulty", o->difficulty, "VDF difficulty T")->check(CLI::PositiveNumber);
  cmd->add_option("--jobs", o->jobs, "VDFs to solve")->check(CLI::PositiveNumber);
  cmd->add_option("--label", o->label, "Makes this process's challenges its own");
  cmd->add_flag("--wait-start", o->wait_start, "Wait for a line on stdin before starting");
  cmd->add_option("--pin", o->pin, "Core to run on");
  cmd->footer("Example:\n  proofgrid bench scaling-probe --backend cpu --difficulty 2000 --jobs 2");
  cmd->callback([o] {
    run_reporting_errors("bench scaling-probe", [&] { run_probe(*o); });
  });
}

}  // namespace proofgrid::bench
