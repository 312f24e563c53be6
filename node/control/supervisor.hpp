#pragma once
// Local data workers (engine.dataWorkerMultiaddrs empty): one process per slot,
// `proofgrid --config DIR --core N --parent-process PID`, supervised by one thread that
// forwards their output line by line, notices exits, and restarts them per RestartPolicy.
// A spawn that fails is logged and retried like an exit; nothing here ends the control
// process. stop() sends SIGTERM, waits a bounded time, then SIGKILLs what is left.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <spdlog/logger.h>

#include "node/config/slots.hpp"
#include "node/control/child_process.hpp"
#include "node/control/cluster_state.hpp"
#include "node/control/restart_policy.hpp"

namespace proofgrid::control {

struct SupervisorOptions {
  std::filesystem::path executable;     // the proofgrid binary (this one: /proc/self/exe)
  std::filesystem::path config_dir;     // passed as --config
  std::optional<std::string> backend;   // passed as --backend when the control got one
  RestartPolicy policy;
  std::chrono::milliseconds stop_grace{5000};
  // Local workers run this much nicer than the control process: with more workers than
  // cores, the kernel shares CPU per thread, and 128 workers at equal priority would leave
  // the control's verification a 1/65 share of the machine (docs/cluster.md, "Figures").
  // Among themselves the workers stay equal; with one worker per core it changes nothing.
  int worker_nice = 10;
  // Receives every line a worker prints (they carry their own slot label).
  std::function<void(std::string_view line)> on_output;
  // A worker listens now (each start reports it once; called on the supervision thread).
  std::function<void(std::size_t slot)> on_ready;
  std::shared_ptr<spdlog::logger> logger;
};

class Supervisor {
 public:
  Supervisor(std::vector<config::Slot> slots, SupervisorOptions options, ClusterState& state);
  ~Supervisor();
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  // Spawns every worker and starts supervising.
  void start();
  // Stops supervising and ends every worker (SIGTERM, then SIGKILL after stop_grace).
  // Returns how many had to be killed.
  std::size_t stop();

  // The arguments a slot's worker is started with (after the program name).
  std::vector<std::string> worker_args(const config::Slot& slot) const;

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  struct Worker {
    config::Slot slot;
    std::string label;  // "slot 0 (--core 1) /ip4/127.0.0.1/tcp/40000"
    RestartTracker restarts;
    std::optional<pid_t> pid;
    int output_fd = -1;
    int ready_fd = -1;
    LineBuffer output;
    TimePoint started{};
    TimePoint next_spawn{};
    bool spawned_once = false;
  };

  void run();
  void spawn(Worker& w, TimePoint now);
  void reap(Worker& w, TimePoint now);
  void failed(Worker& w, TimePoint now, const std::string& why, std::chrono::milliseconds uptime);
  void pump_output(int timeout_ms);
  void drain(Worker& w);
  void close_output(Worker& w);
  void read_ready(Worker& w);
  void terminate_all();

  SupervisorOptions options_;
  ClusterState& state_;
  std::shared_ptr<spdlog::logger> log_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::size_t killed_ = 0;
};

}  // namespace proofgrid::control
