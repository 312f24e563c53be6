#pragma once
// Big-endian payload primitives. The writer appends; the reader never reads past the end:
// it records the first failure (with the field's name) and returns zeros from then on, so
// decoding hostile bytes cannot overrun a buffer and the caller gets a precise reason.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "engine/common/bytes.hpp"

namespace proofgrid::transport {

class WireWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v);
  void u32(std::uint32_t v) { append_be32(out_, v); }
  void u64(std::uint64_t v);
  void boolean(bool v) { u8(v ? 1 : 0); }
  // u16 length + bytes; longer text is cut at `max` bytes (texts are for humans and logs).
  void text(std::string_view s, std::size_t max);
  // u16 length + bytes; the caller has checked the length against the field's limit.
  void bytes16(ByteView b);
  void raw(ByteView b) { append(out_, b); }
  Bytes take() { return std::move(out_); }

 private:
  Bytes out_;
};

class WireReader {
 public:
  explicit WireReader(ByteView in) : in_(in) {}

  std::uint8_t u8(const char* field);
  std::uint16_t u16(const char* field);
  std::uint32_t u32(const char* field);
  std::uint64_t u64(const char* field);
  bool boolean(const char* field);  // only 0 or 1
  std::string text(const char* field, std::size_t max);
  Bytes bytes16(const char* field, std::size_t max);
  void raw(const char* field, std::span<std::uint8_t> out);

  // True when every read succeeded and nothing is left over (the wire format is exact).
  bool finish();
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  bool take(const char* field, std::size_t n, const std::uint8_t** at);
  void fail(std::string why);

  ByteView in_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace proofgrid::transport
