#include "node/control/link_manager.hpp"

#include <algorithm>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/post.hpp>

#include "node/build_info.hpp"

namespace proofgrid::control {

using transport::FailureCode;

LinkManager::LinkManager(const config::SlotTable& table, std::shared_ptr<transport::ControlTls> tls,
                         ClusterState& state, std::function<void(LinkEvent)> on_event,
                         std::shared_ptr<spdlog::logger> logger)
    : guard_(io_.get_executor()), tls_(std::move(tls)), state_(state), on_event_(std::move(on_event)),
      logger_(std::move(logger)) {
  for (const auto& slot : table.slots) links_.push_back(make_link(slot, table.slots.size()));
}

LinkHeartbeat heartbeat_for_links(std::size_t links) {
  using std::chrono::milliseconds;
  constexpr std::size_t kPerSecond = 512;
  const milliseconds interval = std::clamp(milliseconds(links * 1000 / kPerSecond), milliseconds(1000),
                                           milliseconds(2500));
  return {interval, 4 * interval};
}

std::shared_ptr<transport::WorkerLink> LinkManager::make_link(const config::Slot& slot, std::size_t links) {
  const WorkerId w = slot.index;
  transport::WorkerLinkOptions o;
  o.host = slot.address.host();
  o.port = std::to_string(slot.address.port());
  o.slot = static_cast<std::uint32_t>(slot.index);
  o.core = slot.core;
  o.address_text = slot.address.text();
  o.build = std::string("proofgrid ") + build_info::kVersion;
  o.logger = logger_;
  const LinkHeartbeat heartbeat = heartbeat_for_links(links);
  o.heartbeat_interval = heartbeat.interval;
  o.dead_after = heartbeat.dead_after;
  transport::WorkerLinkCallbacks cb;
  ClusterState& state = state_;
  auto on_event = on_event_;
  cb.on_ready = [this, &state, on_event, w](const transport::Hello& hello) {
    first_attempt_over(w);
    state.worker_info(w, hello.backend, std::nullopt);
    state.link_ready(w);
    on_event(LinkEvent{LinkEvent::Kind::ready, w, 0, {}, {}, {}, {}});
  };
  cb.on_down = [this, &state, on_event, w](const std::string& why) {
    first_attempt_over(w);  // a failed first attempt is reported here too
    state.link_down(w, why);
    on_event(LinkEvent{LinkEvent::Kind::down, w, 0, {}, {}, {}, why});
  };
  cb.on_response = [on_event, w](const transport::ProveResponse& r) {
    on_event(LinkEvent{LinkEvent::Kind::proof, w, r.job_id, r.output,
                       std::chrono::microseconds(r.prove_time_us), {}, {}});
  };
  cb.on_failed = [on_event, w](const transport::ProveFailed& f) {
    on_event(LinkEvent{LinkEvent::Kind::failed, w, f.job_id, {}, {}, f.code, f.reason});
  };
  cb.on_stats = [&state, w](const transport::Stats& s) { state.worker_info(w, s.backend, s.rss_bytes); };
  return std::make_shared<transport::WorkerLink>(io_, tls_, std::move(o), std::move(cb));
}

LinkManager::~LinkManager() { stop(); }

void LinkManager::start(bool links_later) {
  links_later_ = links_later;
  first_attempt_.assign(links_.size(), 0);
  if (!links_later) {
    for (WorkerId w = links_.size(); w-- > 0;) pending_.push_back(w);
    boost::asio::post(io_, [this] { admit(); });
  }
  thread_ = std::thread([this] { io_.run(); });
}

void LinkManager::admit() {
  while (starting_ < kStartingAtOnce && !pending_.empty()) {
    const WorkerId w = pending_.back();
    pending_.pop_back();
    std::shared_ptr<transport::WorkerLink> link;
    {
      std::lock_guard lock(mutex_);
      if (w >= links_.size() || !links_[w]) continue;  // a slot a reload removed meanwhile
      link = links_[w];
    }
    first_attempt_[w] = 1;
    ++starting_;
    link->start();
  }
}

void LinkManager::first_attempt_over(WorkerId worker) {
  if (worker >= first_attempt_.size() || !first_attempt_[worker]) return;
  first_attempt_[worker] = 0;
  --starting_;
  admit();
}

std::shared_ptr<transport::WorkerLink> LinkManager::at(WorkerId worker) const {
  std::lock_guard lock(mutex_);
  return links_.at(worker);
}

void LinkManager::start_link(WorkerId worker) {
  std::shared_ptr<transport::WorkerLink> link;
  {
    std::lock_guard lock(mutex_);
    if (worker >= links_.size()) return;  // a slot a reload removed meanwhile
    link = links_[worker];
  }
  link->start();
}

void LinkManager::stop() {
  if (stopped_) return;
  stopped_ = true;
  {
    std::lock_guard lock(mutex_);
    for (auto& link : links_) link->stop();
  }
  guard_.reset();
  if (thread_.joinable()) {
    // Closing connections drain their Close frames for at most a second; then give up.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (!io_.stopped() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    io_.stop();
    thread_.join();
  }
}

void LinkManager::close_links(const std::vector<WorkerId>& removed) {
  std::vector<std::shared_ptr<transport::WorkerLink>> closing;
  {
    std::lock_guard lock(mutex_);
    for (WorkerId w : removed) closing.push_back(links_.at(w));
  }
  // stop() waits for a running callback; none of them takes mutex_, so outside it is safe.
  // The entries stay until open_links replaces or drops them: nothing sends to them between
  // rounds.
  for (auto& link : closing) link->stop();
}

void LinkManager::open_links(const config::SlotTable& table, const std::vector<WorkerId>& added) {
  std::vector<std::shared_ptr<transport::WorkerLink>> opening;
  {
    std::lock_guard lock(mutex_);
    links_.resize(table.slots.size());
    for (WorkerId w : added) {
      links_[w] = make_link(table.slots.at(w), table.slots.size());
      opening.push_back(links_[w]);
    }
  }
  if (!links_later_)
    for (auto& link : opening) link->start();
}

void LinkManager::request(WorkerId worker, transport::ProveRequest request) { at(worker)->request(std::move(request)); }

void LinkManager::cancel(WorkerId worker, std::uint64_t job_id) { at(worker)->cancel(job_id); }

std::string LinkManager::label(WorkerId worker) const { return at(worker)->label().text(); }

void LinkManager::pause(WorkerId worker) { at(worker)->pause(); }

void LinkManager::resume(WorkerId worker) { at(worker)->resume(); }

void LinkManager::request_stats() {
  std::vector<std::shared_ptr<transport::WorkerLink>> all;
  {
    std::lock_guard lock(mutex_);
    all = links_;
  }
  for (auto& link : all)
    if (link->state() == transport::LinkState::ready) link->request_stats();
}

}  // namespace proofgrid::control
