#pragma once
// The scalar side of ProveRaw (spec §8.2, §8.3): the reference's inverse FFT and the
// division by (X - z).
#include <functional>
#include <span>
#include <vector>

#include "engine/kzg/field_types.hpp"

namespace proofgrid::kzg {

// In place: evaluations v_0 .. v_{N-1} (at omega^i, natural order) become coefficients
// c_0 .. c_{N-1}. `roots` is T_N (N + 1 entries). This is the reference's radix-2
// decimation-in-time recursion with twiddles R[k] = T[N - k] (powers omega^(N-k), never
// inverses), scaled by N^-1: for real domains it is the inverse DFT; for the pseudo-roots at
// 2048 and 65536 it is the only order that reproduces the reference's numbers.
void inverse_fft(std::span<Fr> values, std::span<const Fr> roots);

// The same on AVX-512 IFMA, eight butterflies at a time (fft_ifma.cpp), same bytes. Call only
// when isa_supported(Isa::kAvx512Ifma).
void inverse_fft_ifma(std::span<Fr> values, std::span<const Fr> roots);

// Same signature as a seam, so a backend can supply its own (kzg.hpp); a std::function so a
// device backend can bind its context.
using InverseFftFn = std::function<void(std::span<Fr> values, std::span<const Fr> roots)>;

// Synthetic division of c(X) (N coefficients) by (X - z), top down; the N - 1 quotient
// coefficients. The remainder c(z) is dropped, as in the reference.
std::vector<Fr> divide_by_linear(std::span<const Fr> coeffs, const Fr& z);

// c(z) by Horner's rule (tests and self-checks).
Fr evaluate(std::span<const Fr> coeffs, const Fr& z);

}  // namespace proofgrid::kzg
