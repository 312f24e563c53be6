#include "engine/common/isa.hpp"

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace proofgrid {
namespace {

struct CpuFeatures {
  bool bmi2_adx = false;
  bool avx512_ifma = false;
};

CpuFeatures detect() {
  CpuFeatures f;
#if defined(__x86_64__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid_max(0, nullptr) < 7) return f;
  __cpuid(1, eax, ebx, ecx, edx);
  const bool osxsave = (ecx & (1U << 27)) != 0;
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  f.bmi2_adx = (ebx & (1U << 8)) != 0 && (ebx & (1U << 19)) != 0;
  const bool avx512f = (ebx & (1U << 16)) != 0, avx512dq = (ebx & (1U << 17)) != 0;
  const bool ifma = (ebx & (1U << 21)) != 0, avx512bw = (ebx & (1U << 30)) != 0;
  const bool avx512vl = (ebx & (1U << 31)) != 0;
  if (osxsave && avx512f && avx512dq && ifma && avx512bw && avx512vl) {
    // The OS must save the AVX-512 state: XCR0 bits 1, 2 (SSE, AVX) and 5, 6, 7 (opmask, ZMM).
    unsigned xcr0_lo = 0, xcr0_hi = 0;
    __asm__("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    f.avx512_ifma = (xcr0_lo & 0xE6U) == 0xE6U;
  }
#endif
  return f;
}

const CpuFeatures& features() {
  static const CpuFeatures f = detect();
  return f;
}

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && v[0] != '\0' && std::strcmp(v, "0") != 0;
}

// The cap from the environment: 0 portable, 1 scalar, 2 no cap.
enum class Cap { kPortable, kScalar, kNone };
struct Override {
  Cap cap = Cap::kNone;
  std::optional<std::string> problem;
};

Override read_override() {
  Override o;
  if (const char* v = std::getenv("PROOFGRID_ISA"); v != nullptr && v[0] != '\0') {
    const std::string_view s(v);
    if (s == "portable") o.cap = Cap::kPortable;
    else if (s == "scalar") o.cap = Cap::kScalar;
    else if (s == "avx512-ifma" || s == "auto") o.cap = Cap::kNone;
    else
      o.problem = "PROOFGRID_ISA=" + std::string(s) +
                  " is not a known level and is ignored; use portable, scalar, avx512-ifma or auto";
    return o;
  }
  if (env_set("PROOFGRID_KZG_PORTABLE")) o.cap = Cap::kPortable;
  else if (env_set("PROOFGRID_NO_AVX512")) o.cap = Cap::kScalar;
  return o;
}

const Override& env_override() {
  static const Override o = read_override();
  return o;
}

}  // namespace

bool isa_supported(Isa isa) {
  switch (isa) {
    case Isa::kScalar: return true;
    case Isa::kAvx512Ifma: return features().avx512_ifma;
  }
  return false;
}

Isa best_isa() {
  return env_override().cap == Cap::kNone && isa_supported(Isa::kAvx512Ifma) ? Isa::kAvx512Ifma : Isa::kScalar;
}

std::vector<Isa> usable_isas() {
  std::vector<Isa> out{Isa::kScalar};
  if (best_isa() == Isa::kAvx512Ifma) out.push_back(Isa::kAvx512Ifma);
  return out;
}

std::string_view isa_name(Isa isa) { return isa == Isa::kAvx512Ifma ? "avx512-ifma" : "scalar"; }

bool scalar_adx_allowed() { return env_override().cap != Cap::kPortable && features().bmi2_adx; }

void require_isa(Isa isa, const char* what) {
  if (!isa_supported(isa))
    throw std::invalid_argument(std::string(what) + ": this CPU cannot run the " + std::string(isa_name(isa)) +
                                " kernels; use the scalar level (or the cpu backend)");
}

std::optional<std::string> isa_override_problem() { return env_override().problem; }

}  // namespace proofgrid
