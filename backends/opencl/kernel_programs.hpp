#pragma once
// Which embedded sources make up each device program, and the options they are built with.
#include "backends/opencl/cl_program.hpp"
#include "backends/opencl/kernel_sources.hpp"

namespace proofgrid::opencl {

// Fp, Fr, G1, MSM and FFT: mont_field.cl is instantiated once per field.
inline const ProgramRecipe& kzg_program() {
  static const ProgramRecipe recipe{
      "kzg",
      {kernels::fp_params_cl, kernels::mont_field_cl, kernels::field_end_cl, kernels::fr_params_cl,
       kernels::mont_field_cl, kernels::field_end_cl, kernels::g1_cl, kernels::msm_cl,
       kernels::fft_cl},
      "-cl-std=CL1.2"};
  return recipe;
}

// The class-group VDF: multi-precision integers, binary quadratic forms, the chain kernel.
inline const ProgramRecipe& vdf_program() {
  static const ProgramRecipe recipe{
      "vdf",
      {kernels::bn_cl, kernels::bn_div_cl, kernels::bn_gcd_cl, kernels::qform_cl, kernels::vdf_cl},
      "-cl-std=CL1.2"};
  return recipe;
}

}  // namespace proofgrid::opencl
