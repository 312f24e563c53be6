// Montgomery multiplication for Fp (10 limbs) and Fr (9 limbs) with MULX/ADCX/ADOX: two
// independent carry chains (CF for the high halves, OF for the low halves) let each
// product retire in about one cycle, which GCC cannot express from C. Chosen at run time
// (mont_dispatch.cpp) when the CPU has BMI2 and ADX; mont.hpp holds the portable version
// that every other machine and the tests' cross-check use.
//
// Algorithm: CIOS, one row per limb of b. The accumulator t lives in 11 (Fp) or 10 (Fr)
// registers; after each row the lowest register is zero and becomes the new top limb, so
// rows rotate the register list instead of moving data. b and the output pointer wait on
// the stack because every other general register is in use.
#include <array>
#include <cstddef>
#include <cstdint>

#include "engine/kzg/field_params.hpp"

namespace {
using proofgrid::kzg::FieldParams;

// Modulus limbs followed by -m^-1 mod 2^64: the layout the assembly reads RIP-relative.
template <class F>
constexpr std::array<std::uint64_t, F::kLimbs + 1> mont_table() {
  std::array<std::uint64_t, F::kLimbs + 1> t{};
  for (std::size_t j = 0; j < F::kLimbs; ++j) t[j] = FieldParams<F>::kModulus[j];
  t[F::kLimbs] = FieldParams<F>::kInv;
  return t;
}
}  // namespace

extern "C" {
__attribute__((visibility("hidden"))) extern const std::array<std::uint64_t, 11> proofgrid_fp_mont_consts;
__attribute__((visibility("hidden"))) extern const std::array<std::uint64_t, 10> proofgrid_fr_mont_consts;
alignas(64) constexpr std::array<std::uint64_t, 11> proofgrid_fp_mont_consts = mont_table<proofgrid::kzg::Fp>();
alignas(64) constexpr std::array<std::uint64_t, 10> proofgrid_fr_mont_consts = mont_table<proofgrid::kzg::Fr>();
}

// clang-format off
asm(R"ASM(
.intel_syntax noprefix

# t[lo] += rax-part, t[hi] += rbx-part of rdx * src, on the OF and CF chains.
.macro PG_MAC src, lo, hi
  mulx rbx, rax, \src
  adox \lo, rax
  adcx \hi, rbx
.endm

# One CIOS row for n limbs (9 or 10): t += a * b[i]; t += q * m with q = t0 * inv; after it
# t0 is zero. rsi = a, [rsp] = b, \m = modulus table (n limbs then inv).
.macro PG_ROW n, i, m, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10
  mov rdx, [rsp]
  mov rdx, [rdx+8*\i]
  xor eax, eax
  PG_MAC [rsi], \t0, \t1
  PG_MAC [rsi+8], \t1, \t2
  PG_MAC [rsi+16], \t2, \t3
  PG_MAC [rsi+24], \t3, \t4
  PG_MAC [rsi+32], \t4, \t5
  PG_MAC [rsi+40], \t5, \t6
  PG_MAC [rsi+48], \t6, \t7
  PG_MAC [rsi+56], \t7, \t8
  PG_MAC [rsi+64], \t8, \t9
  .if \n == 10
  PG_MAC [rsi+72], \t9, \t10
  mov eax, 0
  adox \t10, rax
  .else
  mov eax, 0
  adox \t9, rax
  .endif
  mov rdx, \t0
  imul rdx, [rip+\m+8*\n]
  xor eax, eax
  PG_MAC [rip+\m], \t0, \t1
  PG_MAC [rip+\m+8], \t1, \t2
  PG_MAC [rip+\m+16], \t2, \t3
  PG_MAC [rip+\m+24], \t3, \t4
  PG_MAC [rip+\m+32], \t4, \t5
  PG_MAC [rip+\m+40], \t5, \t6
  PG_MAC [rip+\m+48], \t6, \t7
  PG_MAC [rip+\m+56], \t7, \t8
  PG_MAC [rip+\m+64], \t8, \t9
  .if \n == 10
  PG_MAC [rip+\m+72], \t9, \t10
  mov eax, 0
  adox \t10, rax
  .else
  mov eax, 0
  adox \t9, rax
  .endif
.endm

# out = r - m, or r where that borrows (r < m); o0 .. o9 are the result registers (o9 empty
# for Fr). mov and cmov leave CF alone between the steps.
.macro PG_SUB off, m, r
  mov rax, \r
  sbb rax, [rip+\m+\off]
  mov [rsi+\off], rax
.endm
.macro PG_KEEP off, r
  mov rax, [rsi+\off]
  cmovc rax, \r
  mov [rsi+\off], rax
.endm
.macro PG_FINISH m, o0, o1, o2, o3, o4, o5, o6, o7, o8, o9
  mov rsi, [rsp+8]
  clc
  PG_SUB 0, \m, \o0
  PG_SUB 8, \m, \o1
  PG_SUB 16, \m, \o2
  PG_SUB 24, \m, \o3
  PG_SUB 32, \m, \o4
  PG_SUB 40, \m, \o5
  PG_SUB 48, \m, \o6
  PG_SUB 56, \m, \o7
  PG_SUB 64, \m, \o8
  .ifnb \o9
  PG_SUB 72, \m, \o9
  .endif
  PG_KEEP 0, \o0
  PG_KEEP 8, \o1
  PG_KEEP 16, \o2
  PG_KEEP 24, \o3
  PG_KEEP 32, \o4
  PG_KEEP 40, \o5
  PG_KEEP 48, \o6
  PG_KEEP 56, \o7
  PG_KEEP 64, \o8
  .ifnb \o9
  PG_KEEP 72, \o9
  .endif
.endm

.macro PG_PROLOGUE
  endbr64
  push rbp
  push rbx
  push r12
  push r13
  push r14
  push r15
  push rdi
  push rdx
  xor r8d, r8d
  xor r9d, r9d
  xor r10d, r10d
  xor r11d, r11d
  xor r12d, r12d
  xor r13d, r13d
  xor r14d, r14d
  xor r15d, r15d
  xor ecx, ecx
  xor ebp, ebp
  xor edi, edi
.endm

.macro PG_EPILOGUE
  add rsp, 16
  pop r15
  pop r14
  pop r13
  pop r12
  pop rbx
  pop rbp
  ret
.endm

.macro PG_BEGIN name
  .p2align 5
  .globl \name
  .hidden \name
  .type \name, @function
\name:
  PG_PROLOGUE
.endm
.macro PG_END name
  PG_EPILOGUE
  .size \name, .-\name
.endm

.text
# void proofgrid_fp_mul_adx(uint64_t out[10], const uint64_t a[10], const uint64_t b[10])
PG_BEGIN proofgrid_fp_mul_adx
  PG_ROW 10, 0, proofgrid_fp_mont_consts, r8, r9, r10, r11, r12, r13, r14, r15, rcx, rbp, rdi
  PG_ROW 10, 1, proofgrid_fp_mont_consts, r9, r10, r11, r12, r13, r14, r15, rcx, rbp, rdi, r8
  PG_ROW 10, 2, proofgrid_fp_mont_consts, r10, r11, r12, r13, r14, r15, rcx, rbp, rdi, r8, r9
  PG_ROW 10, 3, proofgrid_fp_mont_consts, r11, r12, r13, r14, r15, rcx, rbp, rdi, r8, r9, r10
  PG_ROW 10, 4, proofgrid_fp_mont_consts, r12, r13, r14, r15, rcx, rbp, rdi, r8, r9, r10, r11
  PG_ROW 10, 5, proofgrid_fp_mont_consts, r13, r14, r15, rcx, rbp, rdi, r8, r9, r10, r11, r12
  PG_ROW 10, 6, proofgrid_fp_mont_consts, r14, r15, rcx, rbp, rdi, r8, r9, r10, r11, r12, r13
  PG_ROW 10, 7, proofgrid_fp_mont_consts, r15, rcx, rbp, rdi, r8, r9, r10, r11, r12, r13, r14
  PG_ROW 10, 8, proofgrid_fp_mont_consts, rcx, rbp, rdi, r8, r9, r10, r11, r12, r13, r14, r15
  PG_ROW 10, 9, proofgrid_fp_mont_consts, rbp, rdi, r8, r9, r10, r11, r12, r13, r14, r15, rcx
  PG_FINISH proofgrid_fp_mont_consts, rdi, r8, r9, r10, r11, r12, r13, r14, r15, rcx
PG_END proofgrid_fp_mul_adx

# void proofgrid_fr_mul_adx(uint64_t out[9], const uint64_t a[9], const uint64_t b[9])
PG_BEGIN proofgrid_fr_mul_adx
  PG_ROW 9, 0, proofgrid_fr_mont_consts, r8, r9, r10, r11, r12, r13, r14, r15, rcx, rbp, rdi
  PG_ROW 9, 1, proofgrid_fr_mont_consts, r9, r10, r11, r12, r13, r14, r15, rcx, rbp, r8, rdi
  PG_ROW 9, 2, proofgrid_fr_mont_consts, r10, r11, r12, r13, r14, r15, rcx, rbp, r8, r9, rdi
  PG_ROW 9, 3, proofgrid_fr_mont_consts, r11, r12, r13, r14, r15, rcx, rbp, r8, r9, r10, rdi
  PG_ROW 9, 4, proofgrid_fr_mont_consts, r12, r13, r14, r15, rcx, rbp, r8, r9, r10, r11, rdi
  PG_ROW 9, 5, proofgrid_fr_mont_consts, r13, r14, r15, rcx, rbp, r8, r9, r10, r11, r12, rdi
  PG_ROW 9, 6, proofgrid_fr_mont_consts, r14, r15, rcx, rbp, r8, r9, r10, r11, r12, r13, rdi
  PG_ROW 9, 7, proofgrid_fr_mont_consts, r15, rcx, rbp, r8, r9, r10, r11, r12, r13, r14, rdi
  PG_ROW 9, 8, proofgrid_fr_mont_consts, rcx, rbp, r8, r9, r10, r11, r12, r13, r14, r15, rdi
  PG_FINISH proofgrid_fr_mont_consts, rbp, r8, r9, r10, r11, r12, r13, r14, r15
PG_END proofgrid_fr_mul_adx

.att_syntax prefix
)ASM");
// clang-format on
