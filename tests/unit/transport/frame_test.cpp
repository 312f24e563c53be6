#include <random>

#include <catch2/catch.hpp>

#include "transport/frame.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;

namespace {

Bytes header(std::uint8_t version, std::uint8_t type, std::uint16_t flags, std::uint32_t len) {
  Bytes h = {'P', 'G', 'R', 'D', version, type, static_cast<std::uint8_t>(flags >> 8),
             static_cast<std::uint8_t>(flags)};
  append_be32(h, len);
  return h;
}

}  // namespace

TEST_CASE("a frame is magic, version, type, flags, length, payload", "[frame]") {
  Bytes payload = {1, 2, 3};
  Bytes f = encode_frame(MessageType::cancel, payload);
  CHECK(to_hex(f) == "50475244" "01" "08" "0000" "00000003" "010203");
}

TEST_CASE("the decoder returns frames fed one byte at a time, and several in one feed", "[frame]") {
  Bytes a = encode_frame(MessageType::heartbeat, Bytes{9, 9, 9, 9, 9, 9, 9, 9});
  Bytes b = encode_frame(MessageType::pause, {});
  Bytes both = a;
  append(both, b);

  FrameDecoder one;
  std::vector<Frame> got;
  for (std::uint8_t byte : both) {
    one.feed(ByteView(&byte, 1));
    while (auto f = one.next()) got.push_back(*f);
  }
  REQUIRE(got.size() == 2);
  CHECK(got[0].type == MessageType::heartbeat);
  CHECK(got[0].payload == Bytes(8, 9));
  CHECK(got[1].type == MessageType::pause);
  CHECK(got[1].payload.empty());
  CHECK_FALSE(one.failed());
  CHECK(one.buffered() == 0);

  FrameDecoder all;
  all.feed(both);
  CHECK(all.next()->type == MessageType::heartbeat);
  CHECK(all.next()->type == MessageType::pause);
  CHECK_FALSE(all.next());
}

TEST_CASE("a frame at exactly the payload limit passes, one byte more is refused", "[frame]") {
  Bytes max(kMaxPayload, 0xab);
  FrameDecoder d;
  d.feed(encode_frame(MessageType::stats, max));
  auto f = d.next();
  REQUIRE(f);
  CHECK(f->payload.size() == kMaxPayload);
  CHECK_THROWS_AS(encode_frame(MessageType::stats, Bytes(kMaxPayload + 1)), std::length_error);
}

TEST_CASE("an oversized frame is refused from its header, before the payload arrives", "[frame]") {
  FrameDecoder d;
  d.feed(header(kProtocolMajor, 6, 0, 0x7fffffff));
  CHECK_FALSE(d.next());
  CHECK(d.error() == FrameError::oversized);
  CHECK_THAT(d.error_text(), Catch::Contains("2147483647") && Catch::Contains("ProveResponse"));
  CHECK(d.buffered() == 0);
}

TEST_CASE("malformed headers are typed errors and the decoder stays failed", "[frame]") {
  struct Case {
    Bytes bytes;
    FrameError error;
  };
  std::vector<Case> cases = {
      {Bytes{'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P', '/', '1'}, FrameError::bad_magic},
      {header(kProtocolMajor + 1, 1, 0, 0), FrameError::version_mismatch},
      {header(kProtocolMajor, 0, 0, 0), FrameError::unknown_type},
      {header(kProtocolMajor, kLastMessageType + 1, 0, 0), FrameError::unknown_type},
      {header(kProtocolMajor, 1, 0x0100, 0), FrameError::reserved_flags},
      {header(kProtocolMajor, 1, 0x0001, 0), FrameError::reserved_flags},
  };
  for (const auto& c : cases) {
    FrameDecoder d;
    d.feed(c.bytes);
    CHECK_FALSE(d.next());
    CHECK(d.error() == c.error);
    CHECK_FALSE(d.error_text().empty());
    // Valid input afterwards does not revive it: the connection must be closed.
    d.feed(encode_frame(MessageType::pause, {}));
    CHECK_FALSE(d.next());
    CHECK(d.error() == c.error);
  }
}

TEST_CASE("a version mismatch says both versions", "[frame]") {
  FrameDecoder d;
  d.feed(header(7, 1, 0, 0));
  CHECK_FALSE(d.next());
  CHECK(d.peer_version() == 7);
  CHECK_THAT(d.error_text(), Catch::Contains("version 7") && Catch::Contains("speaks 1.0"));
}

TEST_CASE("a stream that ends inside a frame is truncated, but one that ends between frames is not", "[frame]") {
  Bytes f = encode_frame(MessageType::cancel, Bytes(8, 1));
  for (std::size_t cut = 1; cut < f.size(); ++cut) {
    FrameDecoder d;
    d.feed(ByteView(f.data(), cut));
    CHECK_FALSE(d.next());
    d.finish();
    CHECK(d.error() == FrameError::truncated);
  }
  FrameDecoder whole;
  whole.feed(f);
  CHECK(whole.next());
  whole.finish();
  CHECK_FALSE(whole.failed());
}

TEST_CASE("random bytes and mutated frames never crash the decoder", "[frame][fuzz]") {
  std::mt19937_64 rng(20240611);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> len(0, 64);
  Bytes valid = encode_frame(MessageType::prove_request, Bytes(40, 7));
  int frames = 0, failures = 0;
  for (int round = 0; round < 20000; ++round) {
    FrameDecoder d;
    Bytes input;
    if (round % 2 == 0) {
      input.resize(len(rng));
      for (auto& b : input) b = static_cast<std::uint8_t>(byte(rng));
    } else {
      input = valid;
      input[std::uniform_int_distribution<std::size_t>(0, input.size() - 1)(rng)] ^=
          static_cast<std::uint8_t>(1 + byte(rng) % 255);
      // Half of the mutants start with a valid magic so deeper checks are reached.
    }
    std::size_t at = 0;
    while (at < input.size()) {
      std::size_t n = std::min(input.size() - at, len(rng) + 1);
      d.feed(ByteView(input.data() + at, n));
      at += n;
      while (auto f = d.next()) {
        ++frames;
        CHECK(f->payload.size() <= kMaxPayload);
      }
    }
    d.finish();
    failures += d.failed() ? 1 : 0;
  }
  // Both outcomes happen: mutants of the length field can still be valid frames.
  CHECK(frames > 0);
  CHECK(failures > 0);
}
