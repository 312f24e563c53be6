#pragma once
// The cluster integration tests' harness: config directories with a real identity, free
// ports chosen at run time (127.0.0.1 only), and proofgrid processes running in the
// background whose output is captured to files. Every process a test starts, and every
// worker a control process reports starting, is killed when the harness object goes away,
// also when the test fails.
#include <sys/types.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace proofgrid::test {

using namespace std::chrono_literals;

// A run of `count` consecutive TCP ports on 127.0.0.1 that nothing listens on right now,
// below the kernel's ephemeral range (so no warnings and no outgoing connection takes them).
std::uint16_t free_ports(unsigned count);

// config.yml for a test cluster; write() creates keys.yml first (the real identity code)
// and sets engine.controlKeyFingerprint from it unless told otherwise.
struct ClusterConfig {
  unsigned workers = 3;
  std::uint16_t base_port = 0;            // 0: free_ports(workers)
  bool explicit_list = false;             // engine.dataWorkerMultiaddrs with every address
  std::uint64_t difficulty = 2000;
  std::string prove_timeout;              // e.g. "3s"; empty: the default
  std::optional<std::string> fingerprint; // overrides the one of keys.yml
  std::string extra;                      // more lines under engine:
  std::vector<std::string> hosts;         // explicit_list: slot i's IPv4 host (default 127.0.0.1)
  std::filesystem::path srs;              // engine.srsPath; empty: the shared n256 excerpt
  static ClusterConfig of(unsigned workers, std::string prove_timeout = "") {
    ClusterConfig c;
    c.workers = workers;
    c.prove_timeout = std::move(prove_timeout);
    return c;
  }
  std::filesystem::path write(const TempDir& dir, const std::string& sub = "cfg");
  // `workers` slots, every address listed in engine.dataWorkerMultiaddrs (workers by hand).
  static ClusterConfig listed(unsigned workers) {
    ClusterConfig c;
    c.workers = workers;
    c.explicit_list = true;
    return c;
  }
  std::string address(unsigned slot) const;
};

// One background proofgrid process.
class Proc {
 public:
  // `wrapper` runs proofgrid through another program, e.g. {"ip", "netns", "exec", "NS"}.
  Proc(std::vector<std::string> args, std::filesystem::path log, std::map<std::string, std::string> env = {},
       std::vector<std::string> wrapper = {});
  ~Proc();
  Proc(const Proc&) = delete;
  Proc& operator=(const Proc&) = delete;

  pid_t pid() const { return pid_; }
  std::string output() const;  // stdout + stderr so far
  bool has(const std::string& text) const { return output().find(text) != std::string::npos; }
  std::size_t count(const std::string& text) const;
  // Polls the output until `text` appears (true) or `limit` passes / the process ends (false).
  bool wait_for(const std::string& text, std::chrono::milliseconds limit = 30s) const;
  bool wait_until(const std::function<bool()>& pred, std::chrono::milliseconds limit = 30s) const;
  void signal(int sig) const;
  // Waits for the exit; nullopt if it is still running after `limit`.
  std::optional<int> wait_exit(std::chrono::milliseconds limit = 20s);
  bool running();
  // Worker pids the output announced ("started worker pid N" / "restarted worker pid N").
  std::vector<pid_t> announced_workers() const;

 private:
  pid_t pid_ = -1;
  std::filesystem::path log_;
  std::optional<int> status_;
};

// A control process with local workers on a fresh config (ClusterConfig as given), its
// output in DIR/control.log; `env` reaches the control and, through it, its workers.
struct LocalCluster {
  TempDir dir{"pg-cluster"};
  ClusterConfig cfg;
  std::filesystem::path cfg_dir;
  std::unique_ptr<Proc> control;
  explicit LocalCluster(ClusterConfig config, std::map<std::string, std::string> env = {});
  // Waits until the control has logged `n` rounds.
  bool rounds(std::size_t n, std::chrono::milliseconds limit = 60s) const;
};

// The seed tutorial's manual cluster: engine.dataWorkerMultiaddrs lists every worker and
// the test starts each with `proofgrid --core N` (workers[core - 1] at first); the control is
// started by the test when it wants one.
struct ManualCluster {
  TempDir dir{"pg-manual"};
  ClusterConfig cfg;
  std::filesystem::path cfg_dir;
  std::vector<std::unique_ptr<Proc>> workers;

  explicit ManualCluster(unsigned n, std::uint64_t difficulty = 2000);
  Proc& start_worker(unsigned core);
  // "slot 0 (--core 1) /ip4/127.0.0.1/tcp/P", as log lines name the worker.
  std::string label(unsigned core) const;
};

// GET http://127.0.0.1:PORT/PATH; the body of a 200 answer, else a failed check.
std::string http_get(std::uint16_t port, const std::string& path);

bool pid_alive(pid_t pid);
// Waits until every pid has ended (is gone or a zombie of someone else).
bool all_gone(const std::vector<pid_t>& pids, std::chrono::milliseconds limit = 10s);

// The rounds a control process logged, as "round K: P=..." lines.
std::vector<std::string> round_lines(const std::string& output);

// proofgrid ARGS, the process itself (not the control of a cluster), run to completion.
ProcessResult run_tool(const std::vector<std::string>& args, std::chrono::seconds limit = 60s);

}  // namespace proofgrid::test
