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

if(PROOFGRID_FUZZ)
  # The clang tree behind `ctest -L fuzz` (preset fuzz, build/fuzz): every object carries
  # libFuzzer's coverage feedback and ASan+UBSan checks; only the fuzz targets link libFuzzer's
  # main (tests/fuzz/CMakeLists.txt).
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PROOFGRID_FUZZ needs clang for libFuzzer (got ${CMAKE_CXX_COMPILER_ID}); "
                        "use `cmake --preset fuzz`, which picks clang++-14 "
                        "(scripts/install-deps.sh installs clang-14 and libclang-rt-14-dev)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  # Boost.Asio's feature test misses clang 14's C++20 coroutines on libstdc++ 12.
  add_compile_definitions(BOOST_ASIO_HAS_CO_AWAIT=1 BOOST_ASIO_HAS_STD_COROUTINE=1)
endif()

option(PROOFGRID_TSAN "Build with ThreadSanitizer (preset tsan)" OFF)
# The tests the tsan preset builds and runs: the unit tests of the layers that run threads and
# sockets (their ctest entries get the label `tsan`, in every tree). Integration tests stay
# out: their processes under TSan run 5-15x slower than their time limits allow on 2 cores.
# Tests of oneTBB-parallel kernels (backends, SRS loading in the store tests) stay out too:
# Debian's libtbb is not instrumented, so TSan misses its joins and reports false races.
set(PROOFGRID_TSAN_TESTS "^test_(transport|config|node|ops)"
    CACHE STRING "Regex of the test executables in the ThreadSanitizer subset")
if(PROOFGRID_TSAN)
  if(PROOFGRID_SANITIZE)
    message(FATAL_ERROR "PROOFGRID_TSAN and PROOFGRID_SANITIZE cannot be combined: "
                        "ThreadSanitizer and AddressSanitizer exclude each other")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
  # GCC 12 warns (-Wtsan) that TSan does not model the std::atomic_thread_fence in
  # Boost.Asio's handler completion; Asio's strands and the io_context's mutex order the
  # handlers, and tests/tsan.supp covers what TSan cannot see. Not an error under -Werror.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
    add_compile_options(-Wno-tsan)
  endif()
endif()

# Sources that use std::regex, in sanitizer trees built by GCC: GCC 12 reports
# -Wmaybe-uninitialized inside libstdc++'s regex NFA (a std::function being moved), which the
# GCC manual says sanitizers make unreliable. Call from the directory that creates the target.
function(proofgrid_regex_sources)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND (PROOFGRID_SANITIZE OR PROOFGRID_TSAN))
    set_source_files_properties(${ARGN} PROPERTIES COMPILE_OPTIONS -Wno-maybe-uninitialized)
  endif()
endfunction()
