#include "engine/backend/cancel.hpp"

namespace proofgrid {
Cancelled::Cancelled() : std::runtime_error("work cancelled") {}
}  // namespace proofgrid
