#pragma once
// The 74-byte compressed G1 encoding of the reference (spec §3.2, §3.3): 0x02 (y even) or
// 0x03 (y odd), then BE_73(x). The neutral element is written 0x03 followed by 73 zero bytes.
#include <array>
#include <stdexcept>
#include <string>

#include "engine/common/bytes.hpp"
#include "engine/kzg/g1_types.hpp"

namespace proofgrid::kzg {

inline constexpr std::size_t kG1Bytes = 74;
using G1Bytes = std::array<std::uint8_t, kG1Bytes>;

// Why a byte string is not an acceptable G1 point. The message says what was found and what a
// valid encoding looks like; callers prepend where the bytes came from.
class PointError : public std::invalid_argument {
 public:
  enum class Reason { kLength, kPrefix, kRange, kNotOnCurve, kNotInSubgroup };
  PointError(Reason reason, const std::string& message)
      : std::invalid_argument(message), reason_(reason) {}
  Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

G1Bytes compress(const G1Affine& p);
Bytes compress_bytes(const G1Affine& p);

enum class SubgroupCheck { kYes, kNo };

// Decodes and validates a point read from outside: length 74, prefix 0x02/0x03, x < p, x on
// the curve and (unless told otherwise) P in the order-r subgroup. x = 0 with either prefix is
// the neutral element: the reference writes infinity as 03||00..00, and the curve points with
// x = 0, (0, +-1), have order 3, so no real point is lost (spec §3.3).
G1Affine decompress(ByteView bytes, SubgroupCheck check = SubgroupCheck::kYes);

}  // namespace proofgrid::kzg
