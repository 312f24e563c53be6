#include "node/worker/self_test.hpp"

#include <algorithm>

#include "engine/common/bytes.hpp"

namespace proofgrid::worker {

const KnownAnswer& self_test_vector() {
  // vector-5 of vdf_wesolowski_2048.json: computed by the reference implementation.
  static const KnownAnswer v{
      "6950e09ffedf16dd4e1494b812909e5fd42a93f0bffe841cf4c7268cdeaa9426", 1000,
      "003ffe4a1e5ed16b49169e3da77cfaeb89540da3bd422c5947d248f0f32bdc026b4b4bdfd6b5a754d5a51a2c163636d5"
      "64feee12125f31bc74111064cd9b5ca358e78c28edb5d30089a601aca206757a96bbf74bb06b5948acab969816a4161d"
      "ef14ba14591f450d2854cb8a62a6aa9adfa8a21c6c73c3c9507a5f7d00cc92049affe0d3af1650849fa9b281ea6e2d25"
      "031de08e87b491de203a12e0c52c6ed929ddc8c403bb916a13d835200ad7bcf1c44a2950ff94a76b7323d8e8e7f7fb53"
      "041a705c7aead638f07c6c25cc2c0d892184f6ecdae801d0c80e8abc6bd71c0ab5fe0947f6e24008739ef8789729b89c"
      "040cf5b49b84cdb3ea8c1c640958cde56ca3005ad95911010f1ca0d44e1b93636e1628bc306ce2a5ddcff44318afb907"
      "9fd642bfcee61cb2f8854b1a2f2d29d975ff5ec378c2fb70e48e74e73d673759d77e53c883321219c34fe26f82dbb1f9"
      "218429a811f57ba8350f2c69943559a9d7e7fae58270ca068ab7348abf10e3c80b4a6cc417a28c88fb51042e01b779be"
      "410678fff3b0175fe984e5e21b66b858f3a6d8f861766a18198eb36070ae0dda9265eb0d58df5acb6f4212d858c2b4e7"
      "df1e8264dabee0ea17b6f16f3ab34995e23e968141d6e851b2d55011fd8e35b09725f8c87cd86e1340d710632f19c1f5"
      "843d1aeeb31f82101e62a5b5b40e59e58b0c65b61b294822cd8cb39b1a27b59a3c2fa745"};
  return v;
}

SelfTestResult run_self_test(Backend& backend) {
  const KnownAnswer& v = self_test_vector();
  const auto start = std::chrono::steady_clock::now();
  SelfTestResult result;
  const std::string what = "known-answer VDF vector (T = " + std::to_string(v.difficulty) + ")";
  try {
    const VdfJob job{from_hex(v.challenge_hex), v.difficulty};
    const auto outputs = backend.vdf_solve_batch(std::span<const VdfJob>(&job, 1));
    const Bytes expected = from_hex(v.output_hex);
    if (outputs.size() != 1) {
      result.detail = what + ": the backend returned " + std::to_string(outputs.size()) + " outputs for 1 job";
    } else if (!std::equal(expected.begin(), expected.end(), outputs[0].begin(), outputs[0].end())) {
      const auto diff = std::mismatch(expected.begin(), expected.end(), outputs[0].begin());
      result.detail = what + ": wrong output, first difference at byte " +
                      std::to_string(diff.first - expected.begin()) + " of 516";
    } else {
      result.ok = true;
      result.detail = what + " matches";
    }
  } catch (const std::exception& e) {
    result.detail = what + ": the backend failed: " + e.what();
  }
  result.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return result;
}

}  // namespace proofgrid::worker
