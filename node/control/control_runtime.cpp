#include "node/control/control_runtime.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/spdlog.h>

#include "node/control/chain_glue.hpp"
#include "node/control/cluster_state.hpp"
#include "node/control/console.hpp"
#include "node/control/control_ops.hpp"
#include "node/control/link_manager.hpp"
#include "node/control/proof_verifier.hpp"
#include "node/control/round_driver.hpp"
#include "node/control/supervisor.hpp"
#include "transport/tls_context.hpp"

namespace proofgrid::control {
namespace {

namespace asio = boost::asio;

class StartError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::shared_ptr<transport::ControlTls> control_tls(const ControlSettings& s) {
  const auto& cfg = s.prepared.config;
  if (cfg.engine.insecure_loopback_no_auth.value) return transport::ControlTls::insecure_loopback_no_auth();
  // Local workers read this same config.yml: without the fingerprint they refuse us.
  if (s.spawns_local_workers && !cfg.engine.control_key_fingerprint.value)
    throw StartError(cfg.file.string() + " has no engine.controlKeyFingerprint, so the local workers this "
                     "process starts (they read the same config.yml) would refuse it. Add this line under "
                     "engine:\n  controlKeyFingerprint: \"" + s.prepared.identity.identity.fingerprint() + "\"");
  return transport::ControlTls::authenticated(s.prepared.identity.identity.control_identity());
}

// Verification threads: the cores that local workers leave, at least one, and one core kept
// for the io thread and the round loop.
std::size_t verify_threads(const ControlSettings& s) {
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  std::size_t local = 0;
  for (const auto& slot : s.slots.slots) local += s.spawns_local_workers || slot.address.is_loopback();
  const std::size_t spare = cores > local ? cores - local : 1;
  return std::clamp<std::size_t>(spare, 1, std::max<std::size_t>(1, cores - 1));
}

// The path of this binary, so that workers show as proofgrid in ps (not "exe"); the
// /proc link itself if the file is gone (replaced by an upgrade).
std::filesystem::path this_executable() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec || !std::filesystem::exists(path, ec)) return "/proc/self/exe";
  return path;
}

// SIGINT/SIGTERM: the first stops the node gracefully, a second one ends it at once.
// SIGHUP: reload config.yml (systemctl reload).
class SignalWatch {
 public:
  SignalWatch(std::function<void(int)> on_first, std::function<void()> on_hangup)
      : signals_(io_, SIGINT, SIGTERM), hangup_(io_, SIGHUP), on_first_(std::move(on_first)),
        on_hangup_(std::move(on_hangup)) {
    arm();
    arm_hangup();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~SignalWatch() {
    io_.stop();
    thread_.join();
  }

 private:
  void arm() {
    signals_.async_wait([this](const boost::system::error_code& ec, int sig) {
      if (ec) return;
      if (seen_++ == 0) {
        on_first_(sig);
        arm();
      } else {
        spdlog::warn("second {}: exiting now without waiting for the workers", sig == SIGINT ? "SIGINT" : "SIGTERM");
        ::_exit(128 + sig);
      }
    });
  }
  void arm_hangup() {
    hangup_.async_wait([this](const boost::system::error_code& ec, int) {
      if (ec) return;
      on_hangup_();
      arm_hangup();
    });
  }
  asio::io_context io_;
  asio::signal_set signals_;
  asio::signal_set hangup_;
  std::function<void(int)> on_first_;
  std::function<void()> on_hangup_;
  int seen_ = 0;
  std::thread thread_;
};

}  // namespace

int run_control(const ControlSettings& s) {
  ::signal(SIGPIPE, SIG_IGN);
  Console console = make_console();
  auto log = console.logger;
  const auto& cfg = s.prepared.config;
  const auto& e = cfg.engine;
  try {
    auto tls = control_tls(s);
    auto chain = open_chain(s.prepared, s.slots.slots.size(), log);
    ClusterState state(s.slots, s.spawns_local_workers, e.pause_max_duration.value);
    ProofVerifier verifier(verify_threads(s));

    RoundDriverOptions options;
    options.prove_timeout = [&e](std::uint32_t t) { return e.prove_timeout_for(t); };
    options.on_status = [sink = console.sink](std::string text) { sink->set_status(std::move(text)); };
    std::unique_ptr<RoundDriver> driver;
    LinkManager links(s.slots, tls, state, [&driver](LinkEvent ev) { driver->post(std::move(ev)); }, log);
    ControlOps control_ops(ControlOpsSettings{s.prepared, s.slots, s.spawns_local_workers}, state, links, *chain, log);
    options.at_boundary = [&control_ops] { control_ops.at_boundary(); };
    options.on_proof_accepted = [&control_ops](WorkerId w, double seconds) { control_ops.proof_accepted(w, seconds); };
    options.on_round_finished = [&control_ops](const RoundSummary& summary) { control_ops.round_finished(summary); };
    driver = std::make_unique<RoundDriver>(*chain, links, state, verifier, options, log);
    control_ops.start(*driver);  // before any worker starts: a second control on this directory stops here

    std::unique_ptr<Supervisor> supervisor;
    if (s.spawns_local_workers) {
      SupervisorOptions so;
      so.executable = this_executable();
      so.config_dir = std::filesystem::absolute(cfg.dir);
      so.backend = s.backend;
      so.on_output = [sink = console.sink](std::string_view line) { sink->raw_line(line); };
      so.on_ready = [&links](std::size_t slot) { links.start_link(slot); };
      so.logger = log;
      std::vector<config::Slot> slots = s.slots.slots;
      supervisor = std::make_unique<Supervisor>(std::move(slots), so, state);
    }

    log->info("control process pid {}: identity {} (fingerprint {}), peer id {}", ::getpid(),
              (cfg.dir / config::kKeysFileName).string(), s.prepared.identity.identity.fingerprint(),
              to_hex(s.prepared.peer_id));
    log->info("{} slots, {}; difficulty {}; {} verification thread{}", s.slots.slots.size(),
              s.spawns_local_workers ? "local workers started by this process" : "workers listed in engine.dataWorkerMultiaddrs",
              e.difficulty.value ? std::to_string(e.difficulty.value) + " (fixed)" : std::string("D(k) (the schedule)"),
              verifier.threads(), verifier.threads() == 1 ? "" : "s");

    SignalWatch signals([&](int sig) {
      log->info("{}: stopping (the round in progress is not stored; a restart redoes it)", sig == SIGINT ? "SIGINT" : "SIGTERM");
      driver->stop();
    }, [&] {
      try {
        control_ops.reload();
      } catch (const ReloadError& e) {
        log->error("SIGHUP: reload refused: {}", e.what());
      }
    });
    links.start(s.spawns_local_workers);
    if (supervisor) supervisor->start();
    int status = 0;
    try {
      const auto rounds = driver->run();
      log->info("stopping after {} round{}", rounds, rounds == 1 ? "" : "s");
    } catch (const std::exception& ex) {
      log->error("the chain stopped: {}", ex.what());
      status = 1;
    }
    verifier.shutdown();
    control_ops.stop();
    console.sink->clear_status();
    links.stop();
    if (supervisor) {
      const auto killed = supervisor->stop();
      if (killed) log->warn("{} worker{} had to be killed", killed, killed == 1 ? "" : "s");
    }
    log->info("control process stopped");
    return status;
  } catch (const std::exception& ex) {
    log->error("cannot start the control process: {}", ex.what());
    return 1;
  }
}

}  // namespace proofgrid::control
