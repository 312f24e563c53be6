#include "transport/session_rules.hpp"

namespace proofgrid::transport {

namespace {

Violation out_of_order(const Message& m, Role local, const std::string& why) {
  return {CloseCode::out_of_order, std::string(message_name(type_of(m))) + " " + why +
                                       " (this end is the " + role_name(local) + ")"};
}

Role other(Role r) { return r == Role::worker ? Role::control : Role::worker; }

// Which role may send each message type (Hello and Close: both).
bool sent_by(Role role, MessageType t) {
  switch (t) {
    case MessageType::hello:
    case MessageType::close: return true;
    case MessageType::heartbeat:
    case MessageType::prove_request:
    case MessageType::cancel:
    case MessageType::pause:
    case MessageType::resume:
    case MessageType::stats_request: return role == Role::control;
    case MessageType::heartbeat_ack:
    case MessageType::prove_response:
    case MessageType::prove_failed:
    case MessageType::stats: return role == Role::worker;
  }
  return false;
}

}  // namespace

std::vector<std::uint64_t> SessionRules::outstanding_jobs() const {
  std::vector<std::uint64_t> jobs;
  jobs.reserve(outstanding_.size());
  for (const auto& [job, slot] : outstanding_) jobs.push_back(job);
  return jobs;
}

std::optional<Violation> SessionRules::check_hello(const Hello& h) const {
  if (h.major != kProtocolMajor) {
    return Violation{CloseCode::version_mismatch,
                     "peer speaks protocol version " + std::to_string(h.major) + "." +
                         std::to_string(h.minor) + ", this build speaks " +
                         std::to_string(kProtocolMajor) + "." + std::to_string(kProtocolMinor)};
  }
  if (h.role == local_) {
    return Violation{CloseCode::out_of_order,
                     std::string("peer says it is a ") + role_name(h.role) + " too"};
  }
  return std::nullopt;
}

std::optional<Violation> SessionRules::on_receive(const Message& m) {
  if (std::holds_alternative<Close>(m)) return std::nullopt;
  if (const auto* h = std::get_if<Hello>(&m)) {
    if (peer_hello_) return out_of_order(m, local_, "sent twice");
    if (auto bad = check_hello(*h)) return bad;
    peer_hello_ = *h;
    negotiated_minor_ = std::min<std::uint16_t>(h->minor, kProtocolMinor);
    return std::nullopt;
  }
  if (!peer_hello_) return out_of_order(m, local_, "before Hello");
  if (!sent_by(other(local_), type_of(m))) {
    return out_of_order(m, local_, std::string("is never sent by a ") + role_name(other(local_)));
  }
  return local_ == Role::worker ? receive_as_worker(m) : receive_as_control(m);
}

std::optional<Violation> SessionRules::receive_as_worker(const Message& m) {
  if (const auto* r = std::get_if<ProveRequest>(&m)) {
    if (outstanding_.count(r->job_id)) {
      return out_of_order(m, local_, "reuses outstanding job id " + std::to_string(r->job_id));
    }
    if (outstanding_.size() >= kMaxOutstandingJobs) {
      return Violation{CloseCode::overloaded, "more than " + std::to_string(kMaxOutstandingJobs) +
                                                  " outstanding ProveRequests"};
    }
    outstanding_.emplace(r->job_id, r->slot);
  }
  // A Cancel may cross the job's answer on the wire, so an unknown job id is fine.
  return std::nullopt;
}

std::optional<Violation> SessionRules::answer(std::uint64_t job_id, const std::uint32_t* slot,
                                              const char* what) {
  auto it = outstanding_.find(job_id);
  if (it == outstanding_.end()) {
    return Violation{CloseCode::out_of_order,
                     std::string(what) + " for job " + std::to_string(job_id) +
                         ", which is not outstanding on this connection"};
  }
  if (slot && *slot != it->second) {
    return Violation{CloseCode::out_of_order,
                     std::string(what) + " for job " + std::to_string(job_id) + " names slot " +
                         std::to_string(*slot) + " but the job was for slot " +
                         std::to_string(it->second)};
  }
  outstanding_.erase(it);
  return std::nullopt;
}

std::optional<Violation> SessionRules::receive_as_control(const Message& m) {
  if (const auto* r = std::get_if<ProveResponse>(&m)) return answer(r->job_id, &r->slot, "ProveResponse");
  if (const auto* f = std::get_if<ProveFailed>(&m)) return answer(f->job_id, nullptr, "ProveFailed");
  if (const auto* a = std::get_if<HeartbeatAck>(&m)) {
    if (a->nonce == 0 || a->nonce > last_heartbeat_sent_) {
      return out_of_order(m, local_, "acknowledges a heartbeat that was never sent");
    }
    return std::nullopt;
  }
  if (std::holds_alternative<Stats>(m)) {
    if (pending_stats_ == 0) return out_of_order(m, local_, "arrived without a StatsRequest");
    --pending_stats_;
  }
  return std::nullopt;
}

std::optional<std::string> SessionRules::on_send(const Message& m) {
  if (!sent_by(local_, type_of(m))) {
    return std::string("a ") + role_name(local_) + " never sends " + message_name(type_of(m));
  }
  if (std::holds_alternative<Hello>(m) || std::holds_alternative<Close>(m)) return std::nullopt;
  if (!peer_hello_) {
    return std::string(message_name(type_of(m))) + " cannot be sent before the peer's Hello";
  }
  if (const auto* r = std::get_if<ProveRequest>(&m)) {
    if (outstanding_.count(r->job_id)) {
      return "job id " + std::to_string(r->job_id) + " is already outstanding on this link";
    }
    if (outstanding_.size() >= kMaxOutstandingJobs) {
      return "this link already has " + std::to_string(kMaxOutstandingJobs) + " outstanding jobs";
    }
    outstanding_.emplace(r->job_id, r->slot);
  } else if (const auto* resp = std::get_if<ProveResponse>(&m)) {
    if (!outstanding_.count(resp->job_id)) return "job " + std::to_string(resp->job_id) + " is not outstanding";
    outstanding_.erase(resp->job_id);
  } else if (const auto* f = std::get_if<ProveFailed>(&m)) {
    if (!outstanding_.count(f->job_id)) return "job " + std::to_string(f->job_id) + " is not outstanding";
    outstanding_.erase(f->job_id);
  } else if (const auto* hb = std::get_if<Heartbeat>(&m)) {
    last_heartbeat_sent_ = std::max(last_heartbeat_sent_, hb->nonce);
  } else if (std::holds_alternative<StatsRequest>(m)) {
    if (pending_stats_ >= kMaxPendingStats) return std::string("too many StatsRequests in flight");
    ++pending_stats_;
  }
  return std::nullopt;
}

}  // namespace proofgrid::transport
