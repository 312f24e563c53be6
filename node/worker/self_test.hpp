#pragma once
// The data worker's known-answer self-test: before its transport reports ready, the worker
// proves one public VDF vector (../shared/vectors/vdf_wesolowski_2048.json, T = 1000) on
// the backend it will serve with and compares the bytes. A backend that computes wrong
// proofs is reported in the worker's Hello, and the control does not use that worker.
#include <chrono>
#include <cstdint>
#include <string>

#include "engine/backend/backend.hpp"

namespace proofgrid::worker {

// The embedded vector (hex), exposed so a unit test can check it against the shared file.
struct KnownAnswer {
  const char* challenge_hex;
  std::uint32_t difficulty;
  const char* output_hex;
};
const KnownAnswer& self_test_vector();

struct SelfTestResult {
  bool ok = false;
  std::string detail;  // what was checked, or what went wrong
  std::chrono::milliseconds took{0};
};

// Never throws: a backend that throws fails the test with its message.
SelfTestResult run_self_test(Backend& backend);

}  // namespace proofgrid::worker
