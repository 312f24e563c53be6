// libFuzzer target: compressed G1 points as they arrive in setups, commitments and proofs.
// Properties, for any bytes:
//   - decompress either returns a point or throws PointError, with or without the subgroup check;
//   - without the check it refuses exactly what it refuses with it, except points outside the
//     subgroup, and then the reason says so;
//   - an accepted point is on the curve and compresses back to the same bytes, with two
//     exceptions the spec (§3.3) makes: 02||0 and 03||0 both name the neutral element, written
//     03||0, and (-1, 0), whose y has no odd twin, decodes from both prefixes and is written 02;
//   - the fast subgroup test agrees with the definition, r*P = O.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "engine/kzg/field_params.hpp"
#include "engine/kzg/g1.hpp"
#include "engine/kzg/g1_codec.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace proofgrid;
using namespace proofgrid::kzg;
using proofgrid::fuzz::check;

namespace {

struct Decoded {
  std::optional<G1Affine> point;
  std::optional<PointError::Reason> refused;
};

Decoded decode(ByteView bytes, SubgroupCheck subgroup) {
  try {
    return {decompress(bytes, subgroup), std::nullopt};
  } catch (const PointError& e) {
    check(e.what()[0] != '\0', "a point was refused without a message");
    return {std::nullopt, e.reason()};
  }
}

bool times_r_is_zero(const G1Affine& p) { return is_infinity(scalar_mul(p, kGroupOrder)); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView bytes(data, size);
  const Decoded checked = decode(bytes, SubgroupCheck::kYes);
  const Decoded unchecked = decode(bytes, SubgroupCheck::kNo);
  using R = PointError::Reason;

  if (size != kG1Bytes) {
    check(checked.refused == R::kLength && unchecked.refused == R::kLength,
          "a wrong length was not refused as such");
    return 0;
  }
  if (!unchecked.point) {
    check(checked.refused == unchecked.refused, "the subgroup check changed an earlier refusal");
    return 0;
  }
  const G1Affine& p = *unchecked.point;
  if (!p.infinity) check(on_curve(p), "an accepted point is not on the curve");
  const G1Bytes again = compress(p);
  if (p.infinity || is_zero(p.y)) {
    check(again[0] == (p.infinity ? 0x03 : 0x02) && std::equal(bytes.begin() + 1, bytes.end(), again.begin() + 1),
          "the neutral element or (-1, 0) does not compress to its one spelling");
  } else {
    check(std::equal(again.begin(), again.end(), bytes.begin()),
          "an accepted point does not compress back to its bytes");
  }
  if (checked.point) {
    check(equal(*checked.point, p), "the subgroup check changed the point");
    check(p.infinity || times_r_is_zero(p), "a point outside the subgroup passed the check");
  } else {
    check(checked.refused == R::kNotInSubgroup, "an on-curve point refused for another reason");
    check(!times_r_is_zero(p), "a point of the subgroup was refused");
  }
  return 0;
}
