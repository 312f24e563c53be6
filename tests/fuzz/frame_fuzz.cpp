// libFuzzer target: the bytes a peer sends once TLS is up, through FrameDecoder and
// decode_message. Byte 0 picks the mode:
//   even  the rest is a byte stream. It is decoded twice, fed whole and fed in chunks whose
//         sizes follow from byte 0; both must give the same frames and end in the same state.
//   odd   byte 1 is a message type and the rest its payload, handed to decode_message directly
//         (mutations then need not keep a header's length field right).
// A payload that decodes must re-encode to exactly its bytes (one encoding per message); one
// that does not must be refused with a reason naming the message.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_check.hpp"
#include "transport/frame.hpp"
#include "transport/messages.hpp"

using namespace proofgrid;
using namespace proofgrid::transport;
using proofgrid::fuzz::check;

namespace {

void check_message(const Frame& frame) {
  const DecodeResult r = decode_message(frame);
  if (r.message) {
    check(r.error.empty(), "a decoded message also carries an error");
    check(type_of(*r.message) == frame.type, "a decoded message has another type than its frame");
    check(encode_message(*r.message) == encode_frame(frame.type, frame.payload),
          "a decoded message does not re-encode to its own bytes");
    return;
  }
  const auto t = static_cast<std::uint8_t>(frame.type);
  const std::string prefix = t >= 1 && t <= kLastMessageType
                                 ? std::string(message_name(frame.type)) + ": "
                                 : std::string("unknown message type");
  check(r.error.size() > prefix.size() && r.error.rfind(prefix, 0) == 0,
        "a refused payload's reason does not name its message and what is wrong");
}

struct Outcome {
  std::vector<Frame> frames;
  FrameError error = FrameError::none;
  std::string text;
};

// Takes every complete frame; a decoder that waits holds at most one unfinished frame, and a
// failed one holds nothing.
void drain(FrameDecoder& d, Outcome& out) {
  while (auto f = d.next()) {
    check(f->payload.size() <= kMaxPayload, "a frame above the payload limit was returned");
    out.frames.push_back(std::move(*f));
  }
  if (d.failed()) {
    check(d.buffered() == 0, "a failed decoder still buffers bytes");
    check(!d.error_text().empty(), "a decoder failed without saying why");
  } else {
    check(d.buffered() < kHeaderSize + kMaxPayload, "a waiting decoder holds more than one frame");
  }
}

Outcome finish(FrameDecoder& d, Outcome out) {
  d.finish();
  check(!d.next(), "a frame came out after finish()");
  out.error = d.error();
  out.text = d.error_text();
  if (out.error == FrameError::version_mismatch)
    check(d.peer_version() != kProtocolMajor, "version mismatch reported for our own version");
  return out;
}

Outcome decode_whole(ByteView stream) {
  FrameDecoder d;
  Outcome out;
  d.feed(stream);
  drain(d, out);
  return finish(d, std::move(out));
}

// Chunk sizes from a xorshift seeded by `seed`: mostly a few bytes, so that splits fall inside
// headers and length fields, now and then thousands.
Outcome decode_chunked(ByteView stream, std::uint8_t seed) {
  FrameDecoder d;
  Outcome out;
  std::uint32_t x = 0x9e3779b9U ^ seed;
  std::size_t pos = 0;
  while (pos < stream.size()) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    std::size_t n = (x & 7) == 0 ? 1 + (x >> 3) % 20000 : 1 + (x >> 3) % 24;
    n = std::min(n, stream.size() - pos);
    d.feed(stream.subspan(pos, n));
    pos += n;
    drain(d, out);
  }
  return finish(d, std::move(out));
}

void fuzz_stream(ByteView stream, std::uint8_t seed) {
  const Outcome whole = decode_whole(stream);
  const Outcome chunked = decode_chunked(stream, seed);
  check(whole.frames.size() == chunked.frames.size(), "chunking changed the number of frames");
  for (std::size_t i = 0; i < whole.frames.size(); ++i) {
    check(whole.frames[i].type == chunked.frames[i].type &&
              whole.frames[i].payload == chunked.frames[i].payload,
          "chunking changed a frame");
  }
  check(whole.error == chunked.error && whole.text == chunked.text,
        "chunking changed the decoder's verdict");

  // The frames returned are exactly the stream's first bytes, re-encoded.
  Bytes again;
  for (const Frame& f : whole.frames) {
    append(again, encode_frame(f.type, f.payload));
    check_message(f);
  }
  check(again.size() <= stream.size() && std::equal(again.begin(), again.end(), stream.begin()),
        "decoded frames do not re-encode to the stream they came from");
  if (whole.error == FrameError::none)
    check(again.size() == stream.size(), "a clean end of stream left bytes unaccounted for");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const ByteView in(data, size);
  if ((data[0] & 1) == 0) {
    fuzz_stream(in.subspan(1), data[0]);
  } else if (size >= 2) {
    Frame f;
    f.type = static_cast<MessageType>(data[1]);
    const ByteView payload = in.subspan(2, std::min(size - 2, kMaxPayload));
    f.payload.assign(payload.begin(), payload.end());
    check_message(f);
  }
  return 0;
}
