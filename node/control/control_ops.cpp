#include "node/control/control_ops.hpp"

#include <chrono>

#include <fmt/format.h>

#include "node/config/units.hpp"
#include "node/control/status_view.hpp"
#include "node/ops/poly_size.hpp"
#include "node/store/store.hpp"

namespace proofgrid::control {
namespace {

using std::chrono::milliseconds;

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string duration_text(milliseconds d) { return config::format_duration(d); }

constexpr milliseconds kTick{250};
constexpr milliseconds kStatsEvery{2000};

}  // namespace

ControlOps::ControlOps(ControlOpsSettings settings, ClusterState& state, LinkManager& links, const ChainGlue& chain,
                       std::shared_ptr<spdlog::logger> logger)
    : settings_(std::move(settings)), state_(state), links_(links), chain_(chain), log_(std::move(logger)) {
  table_ = settings_.slots;
  registry_.on_scrape([this] { metrics_.sync(state_.snapshot()); });
}

ControlOps::~ControlOps() { stop(); }

void ControlOps::start(RoundDriver& driver) {
  driver_ = &driver;
  const auto& cfg = settings_.prepared.config;
  head_ = chain_.head();  // what the chain resumed from
  admin_ = std::make_unique<ops::AdminServer>(ops::admin_socket_path(cfg.dir));
  admin_->handle("status", [this](const nlohmann::json&) { return status(); });
  admin_->handle("pause", [this](const nlohmann::json& args) { return pause(args); });
  admin_->handle("resume", [this](const nlohmann::json& args) { return resume(args); });
  admin_->handle("reload", [this](const nlohmann::json&) {
    try {
      return reload();
    } catch (const ReloadError& e) {
      log_->error("reload refused: {}", e.what());
      throw ops::AdminError(e.what());
    }
  });
  admin_->start();
  if (admin_->replaced_stale_socket())
    log_->info("admin socket {}: replaced the file a stopped control process left", admin_->path().string());
  log_->info("admin socket {} (proofgrid status|worker|reload --config {})", admin_->path().string(),
             cfg.dir.string());
  if (const auto& address = cfg.metrics.listen_address.value) {
    metrics_server_ = std::make_unique<ops::MetricsServer>(registry_, ops::metrics_options(*address));
    metrics_server_->start();
    log_->info("metrics at http://{}/metrics{}", metrics_server_->address(),
               metrics_server_->loopback_only() ? "" : " (reachable from the network: keep it on a management network)");
  }
  ticker_ = std::thread([this] { tick(); });
}

void ControlOps::stop() {
  {
    std::lock_guard lock(tick_mutex_);
    stopping_ = true;
  }
  tick_wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  if (metrics_server_) metrics_server_->stop();
  if (admin_) admin_->stop();
}

void ControlOps::tick() {
  auto next_stats = Clock::now();
  std::unique_lock lock(tick_mutex_);
  while (!tick_wake_.wait_for(lock, kTick, [this] { return stopping_; })) {
    const auto now = Clock::now();
    for (const auto& ended : state_.end_expired_pauses(now)) {
      links_.resume(ended.slot);
      log_->info("{}: its pause of {} ended{}; it rejoins the rounds from the next one", links_.label(ended.slot),
                 duration_text(ended.length),
                 ended.length == state_.pause_max() ? " (engine.pauseMaxDuration)" : "");
    }
    if (now >= next_stats) {
      links_.request_stats();
      next_stats = now + kStatsEvery;
    }
  }
}

const ops::ChainHead ControlOps::head() const {
  std::lock_guard lock(mutex_);
  return head_;
}

nlohmann::json ControlOps::status() const { return ops::to_json(status_report(state_.snapshot(), head(), Clock::now())); }

std::size_t ControlOps::slot_of_core(const nlohmann::json& args) const {
  if (!args.contains("core") || !args["core"].is_number_integer() || args["core"].get<std::int64_t>() < 1)
    throw ops::AdminError("give the worker as --core N (a whole number >= 1)");
  const auto core = args["core"].get<std::uint64_t>();
  const auto snap = state_.snapshot();
  for (const auto& s : snap.slots)
    if (s.core == core) return s.slot;
  throw ops::AdminError(fmt::format("--core {} names no slot: this cluster has --core 1 to {} ({} slots); "
                                    "`proofgrid status` lists them",
                                    core, snap.slots.size(), snap.slots.size()));
}

nlohmann::json ControlOps::pause(const nlohmann::json& args) {
  const std::size_t slot = slot_of_core(args);
  std::optional<milliseconds> length;
  if (args.contains("for_ms")) {
    if (!args["for_ms"].is_number_integer() || args["for_ms"].get<std::int64_t>() <= 0)
      throw ops::AdminError("--for must be a duration above zero, like 90s, 10m or 1h30m");
    length = milliseconds(args["for_ms"].get<std::int64_t>());
  }
  const auto max = state_.pause_max();
  if (!state_.pause_unless_last(slot, length))
    throw ops::AdminError(fmt::format(
        "refusing to pause --core {}: every other slot is paused, and a round needs at least one slot. "
        "Resume another worker first (proofgrid worker resume --core M), or stop the control process",
        state_.slot(slot).core));
  links_.pause(slot);
  const milliseconds span = length ? std::min(*length, max) : max;
  std::string capped = length && *length > max
                           ? fmt::format(" (--for {} is capped at engine.pauseMaxDuration)", duration_text(*length))
                           : std::string();
  const SlotView v = state_.slot(slot);
  const std::string message = fmt::format("{}: paused for {}{}; it leaves the rounds from the next one and its "
                                          "process stays up; `proofgrid worker resume --core {}` ends the pause",
                                          links_.label(slot), duration_text(span), capped, v.core);
  log_->info("{}", message);
  return {{"slot", slot}, {"core", v.core}, {"address", v.address},
          {"paused_for_seconds", std::chrono::duration<double>(span).count()}, {"message", message}};
}

nlohmann::json ControlOps::resume(const nlohmann::json& args) {
  const std::size_t slot = slot_of_core(args);
  const SlotView before = state_.slot(slot);
  std::string message;
  if (before.paused) {
    state_.set_paused(slot, false);
    links_.resume(slot);
    message = fmt::format("{}: resumed; it rejoins the rounds from the next one", links_.label(slot));
    log_->info("{}", message);
  } else {
    message = fmt::format("{}: was not paused; nothing to do", links_.label(slot));
  }
  return {{"slot", slot}, {"core", before.core}, {"address", before.address}, {"was_paused", before.paused},
          {"message", message}};
}

nlohmann::json ControlOps::reload() {
  std::lock_guard lock(mutex_);
  const RunningConfig running{settings_.prepared.config, table_, settings_.prepared.identity.identity,
                              settings_.local_workers};
  ReloadPlan plan = plan_reload(settings_.prepared.config.dir, running, chain_);
  for (const auto& note : plan.notes) log_->warn("reload: {}", note);
  nlohmann::json answer = {{"summary", plan.summary}, {"notes", plan.notes}, {"slots", plan.table.slots.size()}};
  if (plan.slots_changed) {
    log_->info("reload: {}; applied at the next round boundary", plan.summary);
    answer["applies"] = "at the next round boundary";
    pending_ = std::move(plan);
  } else {
    log_->info("reload: config.yml read again; no change to the slot table");
    answer["applies"] = "nothing to apply";
    pending_.reset();
  }
  return answer;
}

void ControlOps::at_boundary() {
  std::optional<ReloadPlan> plan;
  {
    std::lock_guard lock(mutex_);
    plan.swap(pending_);
    if (plan) table_ = plan->table;
  }
  if (!plan) return;
  const TableChange change = state_.plan_table(plan->table);
  links_.close_links(change.removed);
  state_.apply_table(plan->table);
  links_.open_links(plan->table, change.added);
  if (driver_) driver_->forget_workers(change.removed);
  metrics_.sync(state_.snapshot());
  log_->info("reload applied: {}; the next round has the new slot table", plan->summary);
}

void ControlOps::proof_accepted(WorkerId worker, double seconds) {
  metrics_.proof_accepted(state_.slot(worker).address, seconds);
}

void ControlOps::round_finished(const RoundSummary& summary) {
  ops::ChainHead head{summary.increment, summary.p, summary.poly_size, unix_now()};
  {
    std::lock_guard lock(mutex_);
    head_ = head;
  }
  metrics_.round_closed(std::chrono::duration<double>(summary.duration).count(), head);
}

}  // namespace proofgrid::control
