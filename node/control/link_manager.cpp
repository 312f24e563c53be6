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
    : guard_(io_.get_executor()) {
  for (const auto& slot : table.slots) {
    const WorkerId w = slot.index;
    transport::WorkerLinkOptions o;
    o.host = slot.address.host();
    o.port = std::to_string(slot.address.port());
    o.slot = static_cast<std::uint32_t>(slot.index);
    o.core = slot.core;
    o.address_text = slot.address.text();
    o.build = std::string("proofgrid ") + build_info::kVersion;
    o.logger = logger;
    transport::WorkerLinkCallbacks cb;
    cb.on_ready = [this, &state, on_event, w](const transport::Hello&) {
      first_attempt_over(w);
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
    links_.push_back(std::make_unique<transport::WorkerLink>(io_, tls, std::move(o), std::move(cb)));
  }
}

LinkManager::~LinkManager() { stop(); }

void LinkManager::start(bool links_later) {
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
    first_attempt_[w] = 1;
    ++starting_;
    links_[w]->start();
  }
}

void LinkManager::first_attempt_over(WorkerId worker) {
  if (worker >= first_attempt_.size() || !first_attempt_[worker]) return;
  first_attempt_[worker] = 0;
  --starting_;
  admit();
}

void LinkManager::start_link(WorkerId worker) { links_.at(worker)->start(); }

void LinkManager::stop() {
  if (stopped_) return;
  stopped_ = true;
  for (auto& link : links_) link->stop();
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

void LinkManager::request(WorkerId worker, transport::ProveRequest request) {
  links_.at(worker)->request(std::move(request));
}

void LinkManager::cancel(WorkerId worker, std::uint64_t job_id) { links_.at(worker)->cancel(job_id); }

std::string LinkManager::label(WorkerId worker) const { return links_.at(worker)->label().text(); }

}  // namespace proofgrid::control
