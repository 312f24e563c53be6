#pragma once
// Creates backend instances by name and says which are compiled in and usable here.
//
//   auto b = backends::create_backend("simd", {.threads = 1});   // a per-core data worker
//   b->vdf_solve_batch(jobs);  kzg::commit(srs, data, n, b->kzg_kernels());
//
// Thread rule (docs/backends.md): an instance's parallel kernels use at most `threads` threads
// (a oneTBB arena); a per-core data worker passes 1, the control process its own share.
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/backend/backend.hpp"

namespace proofgrid::backends {

struct BackendOptions {
  // Threads the instance may use for its parallel kernels (0 = the whole machine). A per-core
  // data worker passes its share so oneTBB does not oversubscribe (docs/backends.md).
  std::size_t threads = 0;
  // Device selector for device backends (empty = automatic; backend-specific syntax).
  std::string device;
};

struct BackendInfo {
  std::string name;
  bool available = false;
  std::string device;  // when available
  std::string reason;  // when not: what is missing and what to install
};

// Thrown by create_backend for an unknown or unusable backend; what() says why and what to do.
class BackendUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Names compiled into this build, reference first ("cpu", "simd", then "opencl" when built).
std::vector<std::string> compiled_backends();

// Every compiled-in backend with its availability on this machine.
std::vector<BackendInfo> list_backends();

// What `--backend auto` means on this machine: the name of the backend to use and a sentence
// saying why it was chosen (logged by the worker and `proofgrid backends`). The first call in
// a process calibrates the usable backends (a second or two) unless a cached calibration for
// this binary, machine and device set exists (backends/registry/calibration.hpp).
struct AutoChoice {
  std::string name;
  std::string why;
};
AutoChoice choose_auto_backend(const BackendOptions& options = {});

// A new instance of the named backend; "auto" creates choose_auto_backend()'s choice.
std::unique_ptr<Backend> create_backend(std::string_view name, const BackendOptions& options = {});

}  // namespace proofgrid::backends
