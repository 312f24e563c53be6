#include "node/worker/worker_runtime.hpp"

#include <atomic>
#include <memory>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "backends/registry/registry.hpp"
#include "node/build_info.hpp"
#include "node/config/units.hpp"
#include "node/control/child_process.hpp"
#include "node/worker/memory_limit.hpp"
#include "node/worker/parent_watch.hpp"
#include "node/worker/prove_handler.hpp"
#include "node/worker/self_test.hpp"
#include "node/worker/worker_fault.hpp"
#include "transport/errors.hpp"
#include "transport/tls_context.hpp"
#include "transport/worker_server.hpp"

namespace proofgrid::worker {
namespace {

namespace asio = boost::asio;

std::shared_ptr<spdlog::logger> stderr_logger() {
  auto log = std::make_shared<spdlog::logger>("worker", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  log->set_pattern("%Y-%m-%d %H:%M:%S.%e %l %v");
  log->flush_on(spdlog::level::info);
  return log;
}

class StartError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::shared_ptr<transport::WorkerTls> worker_tls(const config::Config& cfg) {
  const auto& e = cfg.engine;
  if (e.insecure_loopback_no_auth.value) return transport::WorkerTls::insecure_loopback_no_auth();
  if (!e.control_key_fingerprint.value)
    throw StartError(cfg.file.string() +
                     " has no engine.controlKeyFingerprint, so this worker could authenticate no "
                     "control process. Copy config.yml from the control machine (it carries the "
                     "fingerprint of keys.yml), or set engine.insecureLoopbackNoAuth: true for a "
                     "cluster that lives on loopback only");
  return transport::WorkerTls::authenticated(*e.control_key_fingerprint.value);
}

// Everything a running worker holds, in the order it must be torn down (reverse).
struct Worker {
  asio::io_context io;
  std::shared_ptr<ProveHandler> handler;
  std::vector<std::unique_ptr<transport::WorkerServer>> servers;  // one per slot served
  std::unique_ptr<ParentWatch> parent;
};

}  // namespace

int run_worker(const WorkerSettings& s) {
  auto log = stderr_logger();
  spdlog::set_default_logger(log);
  const transport::PeerLabel label{static_cast<std::uint32_t>(s.slot.index), s.slot.core, s.slot.address.text()};
  const std::string prefix = label.text() + ":";
  const auto& engine = s.config.engine;
  Worker w;
  std::atomic<bool> stopping{false};
  auto request_stop = [&](const std::string& why) {
    asio::post(w.io, [&, why] {
      if (stopping.exchange(true)) return;
      log->info("{} stopping: {}", prefix, why);
      for (auto& server : w.servers) server->stop();
      if (w.handler) w.handler->stop();
    });
  };
  try {
    const FaultMode fault = fault_from_environment(s.slot.core);
    if (fault != FaultMode::none)
      log->warn("{} fault injection {}={} is on: this worker misbehaves on purpose", prefix, kFaultVariable,
                fault_name(fault));
    const std::uint64_t limit = engine.data_worker_memory_limit.value;
    if (auto problem = memory_limit_problem(limit)) throw StartError(*problem);
    apply_memory_limit(limit);
    if (s.parent) {
      w.parent = std::make_unique<ParentWatch>(*s.parent, [&, pid = *s.parent] {
        request_stop("the parent process " + std::to_string(pid) + " ended");
      });
    }
    auto tls = worker_tls(s.config);

    // One thread of oneTBB per worker: each worker owns one core's share.
    std::shared_ptr<Backend> backend = backends::create_backend(s.backend, backends::BackendOptions{1, {}});
    std::shared_ptr<Backend> serving = backend;
    if (fault == FaultMode::self_test || fault == FaultMode::bad_proofs) {
      std::shared_ptr<Backend> corrupt = corrupting_backend(backend);
      serving = corrupt;
      if (fault == FaultMode::self_test) backend = corrupt;
    }
    const SelfTestResult test = run_self_test(*backend);
    if (test.ok) {
      log->info("{} self-test passed on the {} backend ({}): {} in {} ms", prefix, backend->name(),
                backend->device(), test.detail, test.took.count());
    } else {
      log->error("{} self-test FAILED on the {} backend ({}): {}. The control will not use this worker; "
                 "try another --backend or check the device", prefix, backend->name(), backend->device(),
                 test.detail);
    }

    ProveHandlerOptions handler_options;
    handler_options.memory_limit = limit;
    handler_options.hold_jobs = fault == FaultMode::hang;
    handler_options.log_prefix = prefix;
    handler_options.logger = log;
    w.handler = std::make_shared<ProveHandler>(serving, handler_options);

    std::vector<config::Slot> slots{s.slot};
    slots.insert(slots.end(), s.more_slots.begin(), s.more_slots.end());
    for (const config::Slot& slot : slots) {
      const transport::PeerLabel slot_label{static_cast<std::uint32_t>(slot.index), slot.core, slot.address.text()};
      transport::WorkerServerOptions o;
      o.host = slot.address.host();
      o.port = std::to_string(slot.address.port());
      o.slot = slot_label.slot;
      o.core = slot_label.core;
      o.address_text = slot_label.address;
      o.build = std::string("proofgrid ") + build_info::kVersion;
      o.backend = backend->name();
      o.device = backend->device();
      o.self_test_ok = test.ok;
      o.self_test_detail = test.detail;
      o.logger = log;
      w.servers.push_back(std::make_unique<transport::WorkerServer>(w.io, tls, o, w.handler));
      w.servers.back()->start();
    }
    control::notify_ready();
    log->info("{} data worker ready (pid {}, backend {}, memory limit {}{}{})", prefix, ::getpid(),
              backend->name(), limit ? config::format_byte_size(limit) : "none",
              s.parent ? ", stops with parent " + std::to_string(*s.parent) : "",
              s.more_slots.empty() ? "" : ", also serving the next " + std::to_string(s.more_slots.size()) + " slots");
  } catch (const std::exception& e) {
    // TransportError (address, port: already names the slot), BackendUnavailable, the
    // config, the fault variable.
    const std::string what = e.what();
    if (what.rfind(label.text(), 0) == 0) log->error("{}", what);
    else log->error("{} cannot start: {}", prefix, what);
    if (w.handler) w.handler->stop();
    return 1;
  }

  asio::signal_set signals(w.io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (!ec) request_stop(signo == SIGINT ? "SIGINT" : "SIGTERM");
  });
  while (!stopping.load()) {
    if (w.io.stopped()) w.io.restart();
    w.io.run_for(std::chrono::milliseconds(200));
  }
  // Let the Close frames and cancelled answers drain, bounded.
  signals.cancel();
  w.io.restart();
  w.io.run_for(std::chrono::milliseconds(1500));
  w.parent.reset();
  log->info("{} data worker stopped", prefix);
  return 0;
}

}  // namespace proofgrid::worker
