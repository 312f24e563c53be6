#include "transport/messages.hpp"

#include <stdexcept>

#include "transport/wire.hpp"

namespace proofgrid::transport {

static_assert(std::variant_size_v<Message> == kLastMessageType);

const char* role_name(Role role) {
  switch (role) {
    case Role::control: return "control";
    case Role::worker: return "worker";
  }
  return "unknown";
}

const char* close_code_name(CloseCode code) {
  switch (code) {
    case CloseCode::normal: return "normal";
    case CloseCode::replaced: return "replaced";
    case CloseCode::version_mismatch: return "version mismatch";
    case CloseCode::malformed_frame: return "malformed frame";
    case CloseCode::oversized_frame: return "oversized frame";
    case CloseCode::malformed_message: return "malformed message";
    case CloseCode::out_of_order: return "out-of-order message";
    case CloseCode::heartbeat_timeout: return "heartbeat timeout";
    case CloseCode::slot_mismatch: return "slot mismatch";
    case CloseCode::self_test_failed: return "self-test failed";
    case CloseCode::overloaded: return "peer not reading";
    case CloseCode::auth_failed: return "authentication failed";
    case CloseCode::network: return "network";
    case CloseCode::handshake_timeout: return "handshake timeout";
  }
  return "unknown";
}

const char* failure_code_name(FailureCode code) {
  switch (code) {
    case FailureCode::cancelled: return "cancelled";
    case FailureCode::busy: return "busy";
    case FailureCode::paused: return "paused";
    case FailureCode::backend_error: return "backend error";
    case FailureCode::bad_request: return "bad request";
    case FailureCode::dropped: return "dropped";
    case FailureCode::shutting_down: return "shutting down";
    case FailureCode::connection_lost: return "connection lost";
    case FailureCode::not_connected: return "not connected";
  }
  return "unknown";
}

MessageType type_of(const Message& m) { return static_cast<MessageType>(m.index() + 1); }

namespace {

// One overload per message: encode(writer, message) and decode(reader, message).
void encode(WireWriter& w, const Hello& m) {
  w.u8(static_cast<std::uint8_t>(m.role));
  w.u16(m.major);
  w.u16(m.minor);
  w.text(m.build, kMaxText);
  w.u32(m.slot);
  w.u32(m.core);
  w.text(m.backend, kMaxText);
  w.text(m.device, kMaxText);
  w.boolean(m.self_test_ok);
  w.text(m.self_test_detail, kMaxText);
}

void decode(WireReader& r, Hello& m) {
  m.role = static_cast<Role>(r.u8("role"));
  m.major = r.u16("major");
  m.minor = r.u16("minor");
  m.build = r.text("build", kMaxText);
  m.slot = r.u32("slot");
  m.core = r.u32("core");
  m.backend = r.text("backend", kMaxText);
  m.device = r.text("device", kMaxText);
  m.self_test_ok = r.boolean("self_test_ok");
  m.self_test_detail = r.text("self_test_detail", kMaxText);
}

void encode(WireWriter& w, const Close& m) {
  w.u8(static_cast<std::uint8_t>(m.code));
  w.text(m.reason, kMaxText);
}

void decode(WireReader& r, Close& m) {
  m.code = static_cast<CloseCode>(r.u8("code"));
  m.reason = r.text("reason", kMaxText);
}

void encode(WireWriter& w, const Heartbeat& m) { w.u64(m.nonce); }
void decode(WireReader& r, Heartbeat& m) { m.nonce = r.u64("nonce"); }
void encode(WireWriter& w, const HeartbeatAck& m) { w.u64(m.nonce); }
void decode(WireReader& r, HeartbeatAck& m) { m.nonce = r.u64("nonce"); }

void encode(WireWriter& w, const ProveRequest& m) {
  if (m.challenge.size() > kMaxChallenge) {
    throw std::length_error("ProveRequest challenge of " + std::to_string(m.challenge.size()) +
                            " bytes exceeds the limit of " + std::to_string(kMaxChallenge));
  }
  w.u64(m.job_id);
  w.u64(m.increment);
  w.u32(m.slot);
  w.bytes16(m.challenge);
  w.u64(m.difficulty);
}

void decode(WireReader& r, ProveRequest& m) {
  m.job_id = r.u64("job_id");
  m.increment = r.u64("increment");
  m.slot = r.u32("slot");
  m.challenge = r.bytes16("challenge", kMaxChallenge);
  m.difficulty = r.u64("difficulty");
}

void encode(WireWriter& w, const ProveResponse& m) {
  w.u64(m.job_id);
  w.u32(m.slot);
  w.raw(m.output);
  w.u64(m.prove_time_us);
}

void decode(WireReader& r, ProveResponse& m) {
  m.job_id = r.u64("job_id");
  m.slot = r.u32("slot");
  r.raw("output", m.output);
  m.prove_time_us = r.u64("prove_time_us");
}

void encode(WireWriter& w, const ProveFailed& m) {
  w.u64(m.job_id);
  w.u8(static_cast<std::uint8_t>(m.code));
  w.text(m.reason, kMaxText);
}

void decode(WireReader& r, ProveFailed& m) {
  m.job_id = r.u64("job_id");
  m.code = static_cast<FailureCode>(r.u8("code"));
  m.reason = r.text("reason", kMaxText);
}

void encode(WireWriter& w, const Cancel& m) { w.u64(m.job_id); }
void decode(WireReader& r, Cancel& m) { m.job_id = r.u64("job_id"); }
void encode(WireWriter&, const Pause&) {}
void decode(WireReader&, Pause&) {}
void encode(WireWriter&, const Resume&) {}
void decode(WireReader&, Resume&) {}
void encode(WireWriter&, const StatsRequest&) {}
void decode(WireReader&, StatsRequest&) {}

void encode(WireWriter& w, const Stats& m) {
  w.u64(m.rss_bytes);
  w.u64(m.proofs_done);
  w.u64(m.uptime_ms);
  w.u32(m.jobs_in_flight);
  w.boolean(m.busy);
  w.boolean(m.paused);
  w.text(m.backend, kMaxText);
}

void decode(WireReader& r, Stats& m) {
  m.rss_bytes = r.u64("rss_bytes");
  m.proofs_done = r.u64("proofs_done");
  m.uptime_ms = r.u64("uptime_ms");
  m.jobs_in_flight = r.u32("jobs_in_flight");
  m.busy = r.boolean("busy");
  m.paused = r.boolean("paused");
  m.backend = r.text("backend", kMaxText);
}

// Enumerated fields must name a known value; the reader reports the first failure only.
std::string check_enums(const Message& m) {
  if (const auto* h = std::get_if<Hello>(&m)) {
    if (h->role != Role::control && h->role != Role::worker) {
      return "role: must be 1 (control) or 2 (worker), got " +
             std::to_string(static_cast<int>(h->role));
    }
  }
  if (const auto* c = std::get_if<Close>(&m)) {
    if (static_cast<std::uint8_t>(c->code) > kLastCloseCode) {
      return "code: unknown close code " + std::to_string(static_cast<int>(c->code));
    }
  }
  if (const auto* f = std::get_if<ProveFailed>(&m)) {
    auto v = static_cast<std::uint8_t>(f->code);
    if (v == 0 || v > kLastFailureCode) return "code: unknown failure code " + std::to_string(v);
  }
  return {};
}

template <std::size_t I = 0>
Message make_alternative(std::size_t index) {
  if constexpr (I + 1 < std::variant_size_v<Message>) {
    if (index != I) return make_alternative<I + 1>(index);
  }
  return Message{std::in_place_index<I>};
}

}  // namespace

Bytes encode_message(const Message& m) {
  WireWriter w;
  std::visit([&](const auto& msg) { encode(w, msg); }, m);
  Bytes payload = w.take();
  return encode_frame(type_of(m), payload);
}

DecodeResult decode_message(const Frame& frame) {
  auto index = static_cast<std::size_t>(frame.type);
  if (index == 0 || index > kLastMessageType) {
    return {std::nullopt, "unknown message type " + std::to_string(index)};
  }
  Message m = make_alternative(index - 1);
  WireReader r(frame.payload);
  std::visit([&](auto& msg) { decode(r, msg); }, m);
  std::string prefix = std::string(message_name(frame.type)) + ": ";
  if (!r.finish()) return {std::nullopt, prefix + r.error()};
  if (std::string bad = check_enums(m); !bad.empty()) return {std::nullopt, prefix + bad};
  return {std::move(m), {}};
}

}  // namespace proofgrid::transport
