#pragma once
// The per-connection state machine, apart from any socket so it can be tested alone.
//
// After the TLS handshake each end sends Hello. Until the peer's Hello has arrived only Close
// is accepted besides it. Then each role accepts only what the other role may send:
//   worker receives  ProveRequest, Cancel, Heartbeat, Pause, Resume, StatsRequest, Close
//   control receives ProveResponse, ProveFailed, HeartbeatAck, Stats, Close
// Every ProveRequest gets exactly one answer (ProveResponse or ProveFailed); an answer for a
// job that is not outstanding, a Stats nobody asked for or an ack for a heartbeat never sent
// is a violation that closes the connection.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "transport/messages.hpp"

namespace proofgrid::transport {

// Bounds the memory one peer can make the other hold.
inline constexpr std::size_t kMaxOutstandingJobs = 64;
inline constexpr std::uint32_t kMaxPendingStats = 16;

struct Violation {
  CloseCode code = CloseCode::out_of_order;
  std::string reason;
};

class SessionRules {
 public:
  explicit SessionRules(Role local) : local_(local) {}

  // Checks a message from the peer and, when it is allowed, records its effect.
  std::optional<Violation> on_receive(const Message& m);
  // Checks a message this side wants to send; records it and returns nothing when it may go,
  // or the reason it must not (a local mistake, such as a duplicate job id).
  std::optional<std::string> on_send(const Message& m);

  Role local_role() const { return local_; }
  bool peer_ready() const { return peer_hello_.has_value(); }
  const std::optional<Hello>& peer_hello() const { return peer_hello_; }
  // min(our minor, peer's minor): what both understand.
  std::uint16_t negotiated_minor() const { return negotiated_minor_; }
  bool job_outstanding(std::uint64_t job_id) const { return outstanding_.count(job_id) != 0; }
  std::vector<std::uint64_t> outstanding_jobs() const;
  std::size_t outstanding_count() const { return outstanding_.size(); }

 private:
  std::optional<Violation> check_hello(const Hello& h) const;
  std::optional<Violation> receive_as_worker(const Message& m);
  std::optional<Violation> receive_as_control(const Message& m);
  std::optional<Violation> answer(std::uint64_t job_id, const std::uint32_t* slot,
                                  const char* what);

  Role local_;
  std::optional<Hello> peer_hello_;
  std::uint16_t negotiated_minor_ = 0;
  std::unordered_map<std::uint64_t, std::uint32_t> outstanding_;  // job id -> slot
  std::uint32_t pending_stats_ = 0;
  std::uint64_t last_heartbeat_sent_ = 0;
};

}  // namespace proofgrid::transport
