#pragma once
// One pending addition inside a bucket tree: src[a] + src[b] goes to dst[dst]. A source ref is
// (index << 1) | negate; only the first tree level reads negated points (signed digits).
#include <cstdint>

namespace proofgrid::kzg {

struct PointPair {
  std::uint32_t a;
  std::uint32_t b;
  std::uint32_t dst;
};

}  // namespace proofgrid::kzg
