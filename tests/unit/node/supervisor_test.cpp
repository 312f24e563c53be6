// The supervisor with stand-in worker programs (shell scripts): output forwarding, restart
// with backoff, the crash-loop state, spawn failures that are retried and never fatal, and
// a bounded stop that kills what ignores SIGTERM.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <mutex>
#include <thread>

#include "node/config/loader.hpp"
#include "node/control/child_process.hpp"
#include "node/control/supervisor.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/temp_dir.hpp"

using namespace proofgrid;
using namespace proofgrid::control;
using namespace std::chrono_literals;

namespace {

config::SlotTable slots(unsigned n) {
  auto cfg = config::parse_config("engine:\n  dataWorkerCount: " + std::to_string(n) +
                                      "\n  dataWorkerBaseListenPort: 41000\n",
                                  "/cfg/config.yml", config::Environment{2, test::shared_dir()});
  return config::build_slot_table(cfg);
}

std::filesystem::path script(const test::TempDir& dir, const std::string& name, const std::string& body) {
  auto path = dir.write(name, "#!/bin/sh\n" + body);
  ::chmod(path.c_str(), 0755);
  return path;
}

struct Lines {
  std::mutex mutex;
  std::vector<std::string> lines;
  std::function<void(std::string_view)> sink() {
    return [this](std::string_view l) {
      std::lock_guard lock(mutex);
      lines.emplace_back(l);
    };
  }
  bool has(const std::string& text) {
    std::lock_guard lock(mutex);
    for (const auto& l : lines)
      if (l.find(text) != std::string::npos) return true;
    return false;
  }
};

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds limit = 10s) {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;
       std::this_thread::sleep_for(10ms))
    if (pred()) return true;
  return pred();
}

RestartPolicy fast_policy() {
  RestartPolicy p;
  p.backoff_min = 10ms;
  p.backoff_max = 40ms;
  p.crash_loop_failures = 3;
  p.crash_loop_window = 5s;
  p.stable_after = 5s;
  return p;
}

// `workers` local slots whose worker program is a script with `body`, fast restarts.
struct Rig {
  test::TempDir dir;
  config::SlotTable table;
  ClusterState state;
  Lines out;
  SupervisorOptions options;
  Rig(unsigned workers, const std::string& body)
      : table(slots(workers)), state(table, true, 30min) {
    options.executable = script(dir, "worker.sh", body);
    options.policy = fast_policy();
    options.on_output = out.sink();
  }
};

}  // namespace

TEST_CASE("lines split at newlines, partial lines wait", "[supervisor][output]") {
  LineBuffer b;
  CHECK(b.feed("one\ntw").size() == 1);
  auto more = b.feed("o\nthree\n\n");
  CHECK(more == std::vector<std::string>{"two", "three", ""});
  b.feed("tail");
  CHECK(b.rest() == "tail");
  CHECK(b.rest().empty());
  CHECK(describe_exit(0) == "exited with status 0");
  CHECK(describe_exit(9) == "killed by signal 9 (Killed)");
}

TEST_CASE("workers get their arguments, their output is forwarded, exits restart them", "[supervisor]") {
  Rig rig(2, "echo \"args: $*\"\necho \"to stderr\" >&2\nexit 3\n");
  auto& [dir, table, state, out, o] = rig;
  o.config_dir = "/some/config";
  o.backend = "cpu";
  Supervisor sup(table.slots, o, state);
  sup.start();
  const std::string pid = std::to_string(::getpid());
  CHECK(eventually([&] { return out.has("args: --config /some/config --core 2 --parent-process " + pid + " --backend cpu"); }));
  CHECK(out.has("to stderr"));
  // Exiting at once, again and again: a crash loop, visible in the state, still retried.
  CHECK(eventually([&] { return state.slot(0).phase == SlotPhase::crash_loop; }));
  CHECK(state.slot(0).detail.find("exited with status 3") != std::string::npos);
  const auto restarts = state.slot(0).counters.restarts;
  CHECK(restarts >= 2);
  CHECK(eventually([&] { return state.slot(0).counters.restarts > restarts; }));
  sup.stop();
  CHECK(state.slot(0).process == ProcessPhase::stopped);
}

TEST_CASE("a worker program that cannot be started is retried, never fatal", "[supervisor]") {
  Rig rig(1, "exit 0\n");
  auto& [dir, table, state, out, o] = rig;
  o.executable = dir / "no-such-binary";
  Supervisor sup(table.slots, o, state);
  sup.start();
  CHECK(eventually([&] { return state.slot(0).phase == SlotPhase::crash_loop; }));
  CHECK_THAT(state.slot(0).detail, Catch::Contains("could not be started: cannot start " + o.executable.string()));
  // Once the program exists, the next retry starts it.
  script(dir, "no-such-binary", "exec sleep 30\n");
  CHECK(eventually([&] { return state.slot(0).pid.has_value(); }));
  CHECK(sup.stop() == 0);  // sleep ends on SIGTERM
  CHECK_FALSE(state.slot(0).pid);
}

TEST_CASE("stop kills a worker that ignores SIGTERM after the grace period", "[supervisor]") {
  Rig rig(2, "trap '' TERM\necho up\nwhile true; do sleep 0.05; done\n");
  auto& [dir, table, state, out, o] = rig;
  o.stop_grace = 300ms;
  Supervisor sup(table.slots, o, state);
  sup.start();
  CHECK(eventually([&] { return state.slot(0).pid && state.slot(1).pid; }));
  CHECK(eventually([&] { return out.has("up"); }));
  const auto start = std::chrono::steady_clock::now();
  CHECK(sup.stop() == 2);
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  CHECK_FALSE(state.slot(0).pid);
  CHECK_FALSE(state.slot(1).pid);
}
