#pragma once
// One pending addition inside a bucket tree: the sum of work[src] and work[src + 1] goes to
// slot dst (dst <= src).
#include <cstdint>

namespace proofgrid::kzg {

struct PointPair {
  std::uint32_t dst;
  std::uint32_t src;
};

}  // namespace proofgrid::kzg
