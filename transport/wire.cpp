#include "transport/wire.hpp"

#include <algorithm>

namespace proofgrid::transport {

void WireWriter::u16(std::uint16_t v) {
  out_.push_back(static_cast<std::uint8_t>(v >> 8));
  out_.push_back(static_cast<std::uint8_t>(v));
}

void WireWriter::u64(std::uint64_t v) {
  u32(static_cast<std::uint32_t>(v >> 32));
  u32(static_cast<std::uint32_t>(v));
}

void WireWriter::text(std::string_view s, std::size_t max) {
  std::size_t n = std::min({s.size(), max, std::size_t{0xffff}});
  // Do not cut a UTF-8 sequence in half: back up over continuation bytes.
  if (n < s.size()) {
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xc0) == 0x80) --n;
  }
  u16(static_cast<std::uint16_t>(n));
  raw(as_bytes(s.substr(0, n)));
}

void WireWriter::bytes16(ByteView b) {
  u16(static_cast<std::uint16_t>(b.size()));
  raw(b);
}

void WireReader::fail(std::string why) {
  if (error_.empty()) error_ = std::move(why);
}

bool WireReader::take(const char* field, std::size_t n, const std::uint8_t** at) {
  if (!ok()) return false;
  if (in_.size() - pos_ < n) {
    fail(std::string(field) + ": needs " + std::to_string(n) + " bytes, only " +
         std::to_string(in_.size() - pos_) + " left");
    return false;
  }
  *at = in_.data() + pos_;
  pos_ += n;
  return true;
}

std::uint8_t WireReader::u8(const char* field) {
  const std::uint8_t* p = nullptr;
  return take(field, 1, &p) ? p[0] : 0;
}

std::uint16_t WireReader::u16(const char* field) {
  const std::uint8_t* p = nullptr;
  if (!take(field, 2, &p)) return 0;
  return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

std::uint32_t WireReader::u32(const char* field) {
  const std::uint8_t* p = nullptr;
  return take(field, 4, &p) ? read_be32({p, 4}) : 0;
}

std::uint64_t WireReader::u64(const char* field) {
  const std::uint8_t* p = nullptr;
  if (!take(field, 8, &p)) return 0;
  return (std::uint64_t{read_be32({p, 4})} << 32) | read_be32({p + 4, 4});
}

bool WireReader::boolean(const char* field) {
  std::uint8_t v = u8(field);
  if (v > 1) fail(std::string(field) + ": boolean must be 0 or 1, got " + std::to_string(v));
  return v == 1;
}

std::string WireReader::text(const char* field, std::size_t max) {
  Bytes b = bytes16(field, max);
  return {b.begin(), b.end()};
}

Bytes WireReader::bytes16(const char* field, std::size_t max) {
  std::uint16_t n = u16(field);
  if (!ok()) return {};
  if (n > max) {
    fail(std::string(field) + ": length " + std::to_string(n) + " exceeds the limit of " +
         std::to_string(max));
    return {};
  }
  const std::uint8_t* p = nullptr;
  if (!take(field, n, &p)) return {};
  return {p, p + n};
}

void WireReader::raw(const char* field, std::span<std::uint8_t> out) {
  const std::uint8_t* p = nullptr;
  if (take(field, out.size(), &p)) std::copy(p, p + out.size(), out.begin());
}

bool WireReader::finish() {
  if (ok() && pos_ != in_.size()) {
    fail(std::to_string(in_.size() - pos_) + " unexpected trailing bytes");
  }
  return ok();
}

}  // namespace proofgrid::transport
