// Picks the Montgomery multiplication kernel once, at start-up.
#include <cpuid.h>

#include <cstdlib>

#include "engine/kzg/mont.hpp"

namespace proofgrid::kzg {
namespace {

bool cpu_has_bmi2_adx() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid_max(0, nullptr) < 7) return false;
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  constexpr unsigned kBmi2 = 1U << 8, kAdx = 1U << 19;
  return (ebx & kBmi2) != 0 && (ebx & kAdx) != 0;
}

// PROOFGRID_KZG_PORTABLE=1 forces the portable C++ path (debugging, tools that cannot
// emulate ADX).
bool want_adx() {
  const char* env = std::getenv("PROOFGRID_KZG_PORTABLE");
  if (env != nullptr && env[0] != '\0' && env[0] != '0') return false;
  return cpu_has_bmi2_adx();
}

}  // namespace

namespace mont_detail {
bool g_use_adx = want_adx();
}  // namespace mont_detail

bool mont_adx_available() { return cpu_has_bmi2_adx(); }

bool mont_use_adx(bool enable) {
  const bool previous = mont_detail::g_use_adx;
  mont_detail::g_use_adx = enable && cpu_has_bmi2_adx();
  return previous;
}

}  // namespace proofgrid::kzg
