#pragma once
// INSECURE test setups for local clusters larger than the public excerpt: tau is derived from
// a seed given on the command line, so anyone who knows the seed can forge any opening. The
// output has the optimized_ceremony.json layout (spec §4.2) plus a top-level "insecure" marker
// that Srs::load warns about.
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace proofgrid::kzg {

struct GeneratedSrsInfo {
  std::size_t g1_powers = 0;
  std::size_t g2_powers = 0;
  std::size_t lagrange_tables = 0;
};

// G1Powers [tau^k]_1 for k = 0 .. size (size + 1 points, like the excerpt's 257 for 256);
// for every real N with 16 <= N <= min(size, 1024): rootOfUnity N, rootsOfUnity N (spec §5)
// and G1FFT N = [L_i(tau)]_1; G2Powers [G2, [tau]_2]. size must be >= 16.
nlohmann::json generate_insecure_srs(std::size_t size, std::string_view tau_seed, GeneratedSrsInfo* info = nullptr);

}  // namespace proofgrid::kzg
