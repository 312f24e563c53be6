#include <random>

#include <catch2/catch.hpp>

#include "transport/messages.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;

namespace {

// One filled-in example of every message type, in MessageType order.
std::vector<Message> examples() {
  Hello hello{Role::worker, kProtocolMajor, kProtocolMinor, "proofgrid 0.1.0 (release)", 41, 42,
              "simd", "AVX-512 IFMA on Xeon", false, "squaring mismatch at T=100"};
  ProveRequest req{7, 123456, 41, Bytes(32, 0x5a), 199999};
  ProveResponse resp{7, 41, {}, 1234567};
  for (std::size_t i = 0; i < resp.output.size(); ++i) resp.output[i] = static_cast<std::uint8_t>(i * 7);
  Stats stats{512u << 20, 99, 3600000, 1, true, false, "cpu"};
  return {hello,        Close{CloseCode::replaced, "newer control"}, Heartbeat{17}, HeartbeatAck{17},
          req,          resp,
          ProveFailed{7, FailureCode::cancelled, "cancelled by the control"},
          Cancel{7},    Pause{}, Resume{}, StatsRequest{}, stats};
}

Frame frame_of(const Message& m) {
  Bytes f = encode_message(m);
  return {type_of(m), Bytes(f.begin() + kHeaderSize, f.end())};
}

}  // namespace

TEST_CASE("every message survives encode then decode", "[messages]") {
  auto all = examples();
  REQUIRE(all.size() == kLastMessageType);
  for (std::size_t i = 0; i < all.size(); ++i) {
    CHECK(static_cast<std::size_t>(type_of(all[i])) == i + 1);
    DecodeResult r = decode_message(frame_of(all[i]));
    INFO(message_name(type_of(all[i])) << ": " << r.error);
    REQUIRE(r.message);
    CHECK(*r.message == all[i]);
  }
}

TEST_CASE("payload layouts are fixed big-endian", "[messages]") {
  CHECK(to_hex(frame_of(Cancel{0x0102030405060708}).payload) == "0102030405060708");
  ProveRequest r{1, 2, 3, Bytes{0xaa, 0xbb}, 4};
  CHECK(to_hex(frame_of(r).payload) ==
        "0000000000000001" "0000000000000002" "00000003" "0002aabb" "0000000000000004");
  CHECK(frame_of(ProveResponse{}).payload.size() == 8 + 4 + kVdfOutputSize + 8);
}

TEST_CASE("every truncation of every message is a typed error naming the field", "[messages]") {
  for (const Message& m : examples()) {
    Frame whole = frame_of(m);
    for (std::size_t cut = 0; cut < whole.payload.size(); ++cut) {
      Frame f{whole.type, Bytes(whole.payload.begin(), whole.payload.begin() + static_cast<std::ptrdiff_t>(cut))};
      DecodeResult r = decode_message(f);
      CHECK_FALSE(r.message);
      CHECK_THAT(r.error, Catch::StartsWith(message_name(whole.type)));
    }
  }
}

TEST_CASE("trailing bytes, bad enums, bad booleans and overlong fields are refused", "[messages]") {
  Frame extra = frame_of(Pause{});
  extra.payload.push_back(0);
  CHECK_THAT(decode_message(extra).error, Catch::Contains("trailing"));

  Frame hello = frame_of(examples()[0]);
  hello.payload[0] = 3;  // role
  CHECK_THAT(decode_message(hello).error, Catch::Contains("role"));

  Frame close = frame_of(Close{});
  close.payload[0] = kLastCloseCode + 1;
  CHECK_THAT(decode_message(close).error, Catch::Contains("close code"));

  Frame failed = frame_of(ProveFailed{1, FailureCode::busy, ""});
  failed.payload[8] = 0;
  CHECK_THAT(decode_message(failed).error, Catch::Contains("failure code"));

  Frame stats = frame_of(Stats{});
  stats.payload[8 + 8 + 8 + 4] = 2;  // busy
  CHECK_THAT(decode_message(stats).error, Catch::Contains("busy"));

  // A challenge length above the limit, with the bytes present.
  ProveRequest big{1, 2, 3, Bytes(kMaxChallenge, 1), 4};
  Frame req = frame_of(big);
  req.payload[20] = static_cast<std::uint8_t>((kMaxChallenge + 1) >> 8);
  req.payload[21] = static_cast<std::uint8_t>(kMaxChallenge + 1);
  req.payload.insert(req.payload.begin() + 22, 0);
  CHECK_THAT(decode_message(req).error, Catch::Contains("challenge") && Catch::Contains("limit"));
  big.challenge.push_back(0);
  CHECK_THROWS_AS(encode_message(big), std::length_error);
}

TEST_CASE("overlong texts are cut on encode without splitting a UTF-8 character", "[messages]") {
  Close c{CloseCode::normal, std::string(kMaxText - 1, 'a') + "\xc3\xa9" + "tail"};
  auto r = decode_message(frame_of(c));
  REQUIRE(r.message);
  const auto& back = std::get<Close>(*r.message);
  CHECK(back.reason == std::string(kMaxText - 1, 'a'));
}

TEST_CASE("random payloads for every type never crash the message decoder", "[messages][fuzz]") {
  std::mt19937_64 rng(77);
  std::uniform_int_distribution<int> byte(0, 255);
  int decoded = 0;
  for (int round = 0; round < 30000; ++round) {
    auto type = static_cast<MessageType>(1 + round % kLastMessageType);
    Bytes payload;
    if (round % 3 == 0) {
      payload = frame_of(examples()[static_cast<std::size_t>(type) - 1]).payload;
      if (!payload.empty()) {
        payload[std::uniform_int_distribution<std::size_t>(0, payload.size() - 1)(rng)] =
            static_cast<std::uint8_t>(byte(rng));
      }
    } else {
      payload.resize(std::uniform_int_distribution<std::size_t>(0, 600)(rng));
      for (auto& b : payload) b = static_cast<std::uint8_t>(byte(rng));
    }
    DecodeResult r = decode_message({type, payload});
    CHECK((r.message.has_value() != !r.error.empty()));
    if (r.message) {
      ++decoded;
      CHECK(type_of(*r.message) == type);
      // Whatever decodes re-encodes to the same bytes: there is one encoding per message.
      CHECK(frame_of(*r.message).payload == payload);
    }
  }
  CHECK(decoded > 0);
}
