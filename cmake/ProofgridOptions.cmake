# Build options and compiler flags shared by every target.

set(PROOFGRID_OPENCL "AUTO" CACHE STRING "Build the OpenCL backend: AUTO, ON or OFF")
set_property(CACHE PROOFGRID_OPENCL PROPERTY STRINGS AUTO ON OFF)
option(PROOFGRID_WERROR "Treat compiler warnings as errors (CI turns this on)" OFF)
option(PROOFGRID_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(PROOFGRID_BUILD_TESTS "Build the test suite" ON)
option(PROOFGRID_FUZZ "Build libFuzzer targets (needs clang)" OFF)

# Warnings for our own targets only (third-party headers are included as SYSTEM).
add_library(proofgrid_warnings INTERFACE)
target_compile_options(proofgrid_warnings INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 reports false -Wrestrict on "literal" + std::string at -O2/-O3 (GCC bug 105329).
target_compile_options(proofgrid_warnings INTERFACE $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)
if(PROOFGRID_WERROR)
  target_compile_options(proofgrid_warnings INTERFACE -Werror)
endif()

if(PROOFGRID_SANITIZE)
  # -fno-sanitize-recover makes any UB report fatal, so a test cannot pass over it.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

# Never -march=native in the default build: machine-specific kernels are compiled per
# file with their own target attributes and chosen at run time (see backends/simd).
