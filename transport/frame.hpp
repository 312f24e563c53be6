#pragma once
// Frames: the unit the control and its data workers exchange inside TLS.
//
//   offset size  field
//   0      4     magic "PGRD"
//   4      1     protocol major version (kProtocolMajor)
//   5      1     message type (MessageType)
//   6      2     flags, reserved: must be 0
//   8      4     payload length, big-endian, at most kMaxPayload
//   12     n     payload (layout per message type, see messages.hpp)
//
// The header is checked as soon as its 12 bytes arrive, so an oversized or foreign frame is
// refused before its payload is buffered. docs/protocol.md is the full description.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "engine/common/bytes.hpp"

namespace proofgrid::transport {

// A peer with another major version is refused; the minor version only adds message types
// that a sender uses once the peer's Hello shows it understands them.
inline constexpr std::uint8_t kProtocolMajor = 1;
inline constexpr std::uint8_t kProtocolMinor = 0;

inline constexpr std::size_t kHeaderSize = 12;
// One TLS record: every message of this version is far smaller (the largest, Hello, is
// about 4.2 KiB at its field limits).
inline constexpr std::size_t kMaxPayload = 16 * 1024;
inline constexpr std::uint8_t kMagic[4] = {'P', 'G', 'R', 'D'};

enum class MessageType : std::uint8_t {
  hello = 1,
  close = 2,
  heartbeat = 3,
  heartbeat_ack = 4,
  prove_request = 5,
  prove_response = 6,
  prove_failed = 7,
  cancel = 8,
  pause = 9,
  resume = 10,
  stats_request = 11,
  stats = 12,
};
inline constexpr std::uint8_t kLastMessageType = 12;

const char* message_name(MessageType type);

struct Frame {
  MessageType type{};
  Bytes payload;
};

// A complete frame: header + payload. Throws std::length_error if the payload is too large
// (only local code builds frames, so that is a programming error, not peer input).
Bytes encode_frame(MessageType type, ByteView payload);

enum class FrameError {
  none,
  bad_magic,         // not a proofgrid peer (or the stream lost sync)
  version_mismatch,  // the peer speaks another major version: peer_version() says which
  reserved_flags,    // flags must be 0 in this version
  unknown_type,
  oversized,         // payload length above kMaxPayload
  truncated,         // the stream ended inside a frame
};

const char* frame_error_name(FrameError e);

// Incremental decoder: feed() what the socket delivered, then next() until it returns
// nothing. After the first error the decoder stays failed and ignores further input.
class FrameDecoder {
 public:
  void feed(ByteView bytes);
  std::optional<Frame> next();
  // The stream ended: a partly received frame becomes a `truncated` error.
  void finish();

  bool failed() const { return error_ != FrameError::none; }
  FrameError error() const { return error_; }
  const std::string& error_text() const { return error_text_; }
  std::uint8_t peer_version() const { return peer_version_; }
  std::size_t buffered() const { return buf_.size() - pos_; }

 private:
  void fail(FrameError e, std::string text);
  bool check_header(const std::uint8_t* h);

  Bytes buf_;
  std::size_t pos_ = 0;
  FrameError error_ = FrameError::none;
  std::string error_text_;
  std::uint8_t peer_version_ = 0;
};

}  // namespace proofgrid::transport
