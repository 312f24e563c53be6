#pragma once
// The operator side of the running control process (docs/operations.md): the admin socket
// (status, worker pause/resume, reload), the Prometheus metrics server when
// metrics.listenAddress is set, and a ticker that ends pauses whose time is up and asks the
// workers for their stats. Status reads ClusterState snapshots and a head kept here, so it
// never waits for the round in progress; reloads are checked at once and applied by the
// round driver between rounds (at_boundary).
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include "node/config/setup.hpp"
#include "node/control/chain_glue.hpp"
#include "node/control/cluster_state.hpp"
#include "node/control/link_manager.hpp"
#include "node/control/metrics_feed.hpp"
#include "node/control/reload.hpp"
#include "node/control/round_driver.hpp"
#include "node/ops/admin_socket.hpp"
#include "node/ops/metrics_server.hpp"

namespace proofgrid::control {

struct ControlOpsSettings {
  const config::PreparedControl& prepared;
  config::SlotTable slots;  // the table the process starts with
  bool local_workers = false;
};

class ControlOps {
 public:
  ControlOps(ControlOpsSettings settings, ClusterState& state, LinkManager& links, const ChainGlue& chain,
             std::shared_ptr<spdlog::logger> logger);
  ~ControlOps();
  ControlOps(const ControlOps&) = delete;
  ControlOps& operator=(const ControlOps&) = delete;

  // Opens the admin socket and, when configured, the metrics server; starts the ticker.
  // Throws (ops::AdminError, ops::MetricsError) when either cannot start.
  void start(RoundDriver& driver);
  void stop();

  // The round driver's hooks (RoundDriverOptions).
  void at_boundary();
  void proof_accepted(WorkerId worker, double seconds);
  void round_finished(const RoundSummary& summary);

  // SIGHUP and the reload command: checks config.yml and queues its slot table for the next
  // round boundary. Returns {"summary","notes","applies"}; throws ReloadError.
  nlohmann::json reload();

  const ops::ChainHead head() const;

 private:
  nlohmann::json status() const;
  nlohmann::json pause(const nlohmann::json& args);
  nlohmann::json resume(const nlohmann::json& args);
  std::size_t slot_of_core(const nlohmann::json& args) const;
  void tick();

  ControlOpsSettings settings_;
  ClusterState& state_;
  LinkManager& links_;
  const ChainGlue& chain_;
  std::shared_ptr<spdlog::logger> log_;
  RoundDriver* driver_ = nullptr;

  mutable std::mutex mutex_;          // head_, table_, pending_
  ops::ChainHead head_;
  config::SlotTable table_;           // the slot table in effect
  std::optional<ReloadPlan> pending_; // applied at the next round boundary

  ops::Registry registry_;
  MetricsFeed metrics_{registry_};
  std::unique_ptr<ops::AdminServer> admin_;
  std::unique_ptr<ops::MetricsServer> metrics_server_;

  std::mutex tick_mutex_;
  std::condition_variable tick_wake_;
  bool stopping_ = false;
  std::thread ticker_;
};


}  // namespace proofgrid::control
