#pragma once
// Instruction-set levels of the engine's kernels. The caller picks the level (a backend: cpu
// runs kScalar, simd the best level this CPU has); no kernel switches it behind their back.
// Every level produces the same bytes; tests run each level the CPU supports.
//
//   kScalar      any x86-64 or Arm CPU. On x86-64 with BMI2 and ADX the scalar Montgomery
//                multiplication uses MULX/ADCX/ADOX (scalar instructions, chosen once at start-up
//                from CPUID; see scalar_adx_allowed()).
//   kAvx512Ifma  AVX-512 F/DQ/BW/VL with IFMA (52-bit multiply-add), and an OS that saves the
//                ZMM state: eight Fp multiplications at a time in the MSM, 2048-bit Montgomery
//                powers in the VDF's primality tests.
//
// $PROOFGRID_ISA caps what best_isa() and scalar_adx_allowed() report: "portable" (no MULX/ADX,
// no vectors: what valgrind can run), "scalar" (no vectors), "avx512-ifma" or "auto" (no cap).
// The older PROOFGRID_KZG_PORTABLE=1 means portable and PROOFGRID_NO_AVX512=1 means scalar.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proofgrid {

enum class Isa : std::uint8_t { kScalar, kAvx512Ifma };

// Whether this CPU and OS run the level (kScalar always).
bool isa_supported(Isa isa);
// The highest supported level, capped by $PROOFGRID_ISA.
Isa best_isa();
// Every level best_isa() allows here, lowest first (tests and benchmarks iterate over it).
std::vector<Isa> usable_isas();
// "scalar", "avx512-ifma".
std::string_view isa_name(Isa isa);
// Whether the scalar Montgomery code may use MULX/ADX (CPU has BMI2+ADX, cap above portable).
bool scalar_adx_allowed();
// Throws std::invalid_argument naming `what` when this CPU cannot run `isa`.
void require_isa(Isa isa, const char* what);
// A message when $PROOFGRID_ISA holds a value this build does not know (it is then ignored).
std::optional<std::string> isa_override_problem();

}  // namespace proofgrid
