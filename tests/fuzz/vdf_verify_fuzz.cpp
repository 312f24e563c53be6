// libFuzzer target: what a data worker hands the control process to verify. Input:
//   byte 0      picks the challenge: SHA3-256("vector-0") or SHA3-256("vector-5"), challenges
//               of the shared vectors (T = 1 and T = 1000 with its tampered twins); fixed, so
//               their groups are derived once, not per input
//   bytes 1..4  the difficulty T, big-endian
//   the rest    the output (516 bytes when well formed: Enc(y) ‖ Enc(π))
// Properties: verify never throws or crashes, both verify overloads agree, and the fast verify
// agrees with the literal reference verify (spec §8) on every input: a proof one accepts and
// the other refuses is a bug in one of them.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "engine/common/hash.hpp"
#include "engine/vdf/reference.hpp"
#include "engine/vdf/vdf.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace proofgrid;
using proofgrid::fuzz::check;

namespace {

struct Challenge {
  Digest32 bytes;
  std::shared_ptr<const vdf::Group> group;
};

constexpr std::array<const char*, 2> kSeeds = {"vector-0", "vector-5"};
std::array<Challenge, kSeeds.size()> challenges;

}  // namespace

// Derives the groups before fuzzing starts, outside libFuzzer's per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  for (std::size_t i = 0; i < challenges.size(); ++i) {
    challenges[i].bytes = sha3_256(as_bytes(kSeeds[i]));
    challenges[i].group = vdf::group_for(challenges[i].bytes);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 5) return 0;
  const Challenge& c = challenges[data[0] % challenges.size()];
  const std::uint32_t difficulty = read_be32({data + 1, 4});
  const ByteView output(data + 5, size - 5);

  const bool fast = vdf::verify(c.bytes, difficulty, output);
  check(vdf::verify(*c.group, difficulty, output) == fast,
        "verify by challenge and verify by group disagree");
  const bool reference = vdf::verify_reference(c.group->discriminant(), difficulty, output);
  check(fast == reference, fast ? "the fast verify accepts a proof the reference refuses"
                                : "the fast verify refuses a proof the reference accepts");
  return 0;
}
