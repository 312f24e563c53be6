// Picks the scalar Montgomery multiplication kernel once, at start-up: MULX/ADX when the CPU
// has BMI2 and ADX and $PROOFGRID_ISA does not ask for portable code (engine/common/isa.hpp).
#include "engine/common/isa.hpp"
#include "engine/kzg/mont.hpp"

namespace proofgrid::kzg {

namespace mont_detail {
bool g_use_adx = scalar_adx_allowed();
}  // namespace mont_detail

bool mont_adx_available() { return scalar_adx_allowed(); }

bool mont_use_adx(bool enable) {
  const bool previous = mont_detail::g_use_adx;
  mont_detail::g_use_adx = enable && scalar_adx_allowed();
  return previous;
}

}  // namespace proofgrid::kzg
