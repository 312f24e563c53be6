#include "transport/frame.hpp"

#include <algorithm>
#include <stdexcept>

namespace proofgrid::transport {

const char* message_name(MessageType type) {
  switch (type) {
    case MessageType::hello: return "Hello";
    case MessageType::close: return "Close";
    case MessageType::heartbeat: return "Heartbeat";
    case MessageType::heartbeat_ack: return "HeartbeatAck";
    case MessageType::prove_request: return "ProveRequest";
    case MessageType::prove_response: return "ProveResponse";
    case MessageType::prove_failed: return "ProveFailed";
    case MessageType::cancel: return "Cancel";
    case MessageType::pause: return "Pause";
    case MessageType::resume: return "Resume";
    case MessageType::stats_request: return "StatsRequest";
    case MessageType::stats: return "Stats";
  }
  return "unknown";
}

const char* frame_error_name(FrameError e) {
  switch (e) {
    case FrameError::none: return "none";
    case FrameError::bad_magic: return "bad magic";
    case FrameError::version_mismatch: return "protocol version mismatch";
    case FrameError::reserved_flags: return "reserved flags set";
    case FrameError::unknown_type: return "unknown message type";
    case FrameError::oversized: return "oversized frame";
    case FrameError::truncated: return "truncated frame";
  }
  return "unknown";
}

Bytes encode_frame(MessageType type, ByteView payload) {
  if (payload.size() > kMaxPayload) {
    throw std::length_error(std::string(message_name(type)) + " payload of " +
                            std::to_string(payload.size()) + " bytes exceeds the frame limit");
  }
  Bytes out;
  out.reserve(kHeaderSize + payload.size());
  append(out, ByteView(kMagic, 4));
  out.push_back(kProtocolMajor);
  out.push_back(static_cast<std::uint8_t>(type));
  out.push_back(0);
  out.push_back(0);
  append_be32(out, static_cast<std::uint32_t>(payload.size()));
  append(out, payload);
  return out;
}

void FrameDecoder::fail(FrameError e, std::string text) {
  error_ = e;
  error_text_ = std::move(text);
  buf_.clear();
  pos_ = 0;
}

void FrameDecoder::feed(ByteView bytes) {
  if (failed()) return;
  // Drop consumed bytes before growing, so the buffer stays about one frame long.
  if (pos_ > 0 && pos_ >= buf_.size() / 2) {
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(pos_));
    pos_ = 0;
  }
  append(buf_, bytes);
}

bool FrameDecoder::check_header(const std::uint8_t* h) {
  if (!std::equal(h, h + 4, kMagic)) {
    fail(FrameError::bad_magic, "frame does not start with the proofgrid magic \"PGRD\"");
    return false;
  }
  if (h[4] != kProtocolMajor) {
    peer_version_ = h[4];
    fail(FrameError::version_mismatch,
         "peer speaks protocol version " + std::to_string(h[4]) + ", this build speaks " +
             std::to_string(kProtocolMajor) + "." + std::to_string(kProtocolMinor));
    return false;
  }
  if (h[5] == 0 || h[5] > kLastMessageType) {
    fail(FrameError::unknown_type, "unknown message type " + std::to_string(h[5]));
    return false;
  }
  if (h[6] != 0 || h[7] != 0) {
    fail(FrameError::reserved_flags, "reserved flag bits are set");
    return false;
  }
  std::uint32_t len = read_be32({h + 8, 4});
  if (len > kMaxPayload) {
    fail(FrameError::oversized, std::string(message_name(static_cast<MessageType>(h[5]))) +
                                    " frame announces " + std::to_string(len) +
                                    " payload bytes, the limit is " + std::to_string(kMaxPayload));
    return false;
  }
  return true;
}

std::optional<Frame> FrameDecoder::next() {
  if (failed() || buffered() < kHeaderSize) return std::nullopt;
  const std::uint8_t* h = buf_.data() + pos_;
  if (!check_header(h)) return std::nullopt;
  std::size_t len = read_be32({h + 8, 4});
  if (buffered() < kHeaderSize + len) return std::nullopt;
  Frame f;
  f.type = static_cast<MessageType>(h[5]);
  f.payload.assign(h + kHeaderSize, h + kHeaderSize + len);
  pos_ += kHeaderSize + len;
  return f;
}

void FrameDecoder::finish() {
  if (failed() || buffered() == 0) return;
  std::size_t have = buffered();
  // A header error in the partial bytes is the better explanation than "truncated".
  if (have >= kHeaderSize && !check_header(buf_.data() + pos_)) return;
  fail(FrameError::truncated,
       "the stream ended inside a frame (" + std::to_string(have) + " bytes of it received)");
}

}  // namespace proofgrid::transport
