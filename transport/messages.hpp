#pragma once
// The typed messages of protocol 1.x and their payload codec. Every field is big-endian;
// texts and byte strings carry a u16 length and have a per-field limit. A payload must be
// consumed exactly: trailing bytes are malformed (new fields come as new message types).
#include <array>
#include <cstdint>
#include <string>
#include <variant>

#include "engine/common/bytes.hpp"
#include "transport/frame.hpp"

namespace proofgrid::transport {

inline constexpr std::size_t kMaxText = 1024;       // build, backend, device, reasons
inline constexpr std::size_t kMaxChallenge = 256;   // VDF challenge (32 bytes today)
inline constexpr std::size_t kVdfOutputSize = 516;  // Wesolowski proof: y ‖ π
using VdfOutput = std::array<std::uint8_t, kVdfOutputSize>;

enum class Role : std::uint8_t { control = 1, worker = 2 };
const char* role_name(Role role);

// Sent by both ends right after the TLS handshake. The worker fills slot/core (its own) and
// backend/device/self-test; the control fills slot/core with what its config expects there.
struct Hello {
  Role role = Role::worker;
  std::uint16_t major = kProtocolMajor;
  std::uint16_t minor = kProtocolMinor;
  std::string build;
  std::uint32_t slot = 0;
  std::uint32_t core = 0;
  std::string backend;
  std::string device;
  bool self_test_ok = true;
  std::string self_test_detail;
  bool operator==(const Hello&) const = default;
};

// Why a connection is being closed; sent in Close and reported to the link's owner.
enum class CloseCode : std::uint8_t {
  normal = 0,             // orderly shutdown
  replaced = 1,           // a newer authenticated control connection took over this worker
  version_mismatch = 2,   // another major protocol version
  malformed_frame = 3,    // bad magic, flags, type, or the stream ended inside a frame
  oversized_frame = 4,
  malformed_message = 5,  // a payload that does not decode
  out_of_order = 6,       // a message the session state does not allow now
  heartbeat_timeout = 7,  // no frame from the peer for too long
  slot_mismatch = 8,      // the worker serves another slot than the control expects
  self_test_failed = 9,   // the worker's backend failed its self-test
  overloaded = 10,        // the peer does not read what we send
  auth_failed = 11,       // TLS handshake or authentication refused (local only, never sent)
  network = 12,           // connection reset / closed without Close (local only)
  handshake_timeout = 13,
};
inline constexpr std::uint8_t kLastCloseCode = 13;
const char* close_code_name(CloseCode code);

struct Close {
  CloseCode code = CloseCode::normal;
  std::string reason;
  bool operator==(const Close&) const = default;
};

struct Heartbeat {
  std::uint64_t nonce = 0;
  bool operator==(const Heartbeat&) const = default;
};

struct HeartbeatAck {
  std::uint64_t nonce = 0;
  bool operator==(const HeartbeatAck&) const = default;
};

struct ProveRequest {
  std::uint64_t job_id = 0;     // unique among this connection's outstanding jobs
  std::uint64_t increment = 0;  // the round k
  std::uint32_t slot = 0;       // whose proof this is (any worker can compute any slot)
  Bytes challenge;              // the VDF challenge, at most kMaxChallenge bytes
  std::uint64_t difficulty = 0; // VDF iterations T
  bool operator==(const ProveRequest&) const = default;
};

struct ProveResponse {
  std::uint64_t job_id = 0;
  std::uint32_t slot = 0;
  VdfOutput output{};
  std::uint64_t prove_time_us = 0;
  bool operator==(const ProveResponse&) const = default;
};

enum class FailureCode : std::uint8_t {
  cancelled = 1,       // the control cancelled it
  busy = 2,            // the worker runs another job
  paused = 3,          // the worker is paused
  backend_error = 4,   // the backend failed (reason says how)
  bad_request = 5,     // the request cannot be served (reason says why)
  dropped = 6,         // the worker's handler dropped the job without an answer
  shutting_down = 7,   // the worker is stopping
  connection_lost = 8, // local to the control: the link went down with the job outstanding
  not_connected = 9,   // local to the control: the link was not ready
};
inline constexpr std::uint8_t kLastFailureCode = 9;
const char* failure_code_name(FailureCode code);

struct ProveFailed {
  std::uint64_t job_id = 0;
  FailureCode code = FailureCode::backend_error;
  std::string reason;
  bool operator==(const ProveFailed&) const = default;
};

struct Cancel {
  std::uint64_t job_id = 0;
  bool operator==(const Cancel&) const = default;
};

struct Pause {
  bool operator==(const Pause&) const = default;
};
struct Resume {
  bool operator==(const Resume&) const = default;
};
struct StatsRequest {
  bool operator==(const StatsRequest&) const = default;
};

struct Stats {
  std::uint64_t rss_bytes = 0;
  std::uint64_t proofs_done = 0;
  std::uint64_t uptime_ms = 0;
  std::uint32_t jobs_in_flight = 0;
  bool busy = false;
  bool paused = false;
  std::string backend;
  bool operator==(const Stats&) const = default;
};

// Alternatives are in MessageType order (index + 1 == type).
using Message = std::variant<Hello, Close, Heartbeat, HeartbeatAck, ProveRequest, ProveResponse,
                             ProveFailed, Cancel, Pause, Resume, StatsRequest, Stats>;

MessageType type_of(const Message& m);

// The whole frame (header + payload).
Bytes encode_message(const Message& m);

struct DecodeResult {
  std::optional<Message> message;  // set on success
  std::string error;               // "<Type>.<field>: what is wrong" otherwise
};
DecodeResult decode_message(const Frame& frame);

}  // namespace proofgrid::transport
