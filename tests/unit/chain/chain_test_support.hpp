#pragma once
// Shared by the chain and store tests: the public vector chain, the SRS excerpt, and a chain
// computed in-process on the cpu backend.
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "backends/registry/registry.hpp"
#include "engine/chain/chain_state.hpp"
#include "engine/chain/simulate.hpp"
#include "engine/kzg/srs.hpp"
#include "tests/support/paths.hpp"

namespace proofgrid::chain::test {

// chains[0] of ../shared/vectors/time_proof_chain.json (P = 3, T = 200, N = 128).
inline const nlohmann::json& vector_chain() {
  static const nlohmann::json chain =
      proofgrid::test::load_json(proofgrid::test::shared_dir() / "vectors" / "time_proof_chain.json")["chains"][0];
  return chain;
}

inline Bytes hex_field(const nlohmann::json& j, const char* key) { return from_hex(j.at(key).get<std::string>()); }

inline ChainIdentity vector_identity() {
  const auto& c = vector_chain();
  return ChainIdentity{hex_field(c, "peer_id_hex"), hex_field(c, "genesis_hex"), c.at("difficulty").get<std::uint32_t>()};
}

inline const kzg::Srs& excerpt() {
  static const std::shared_ptr<const kzg::Srs> srs =
      kzg::Srs::load(proofgrid::test::shared_dir() / "srs" / "quilibrium-ceremony-excerpt-n256.json");
  return *srs;
}

// `rounds` rounds from `state`'s head on the cpu backend, P by increment; returns each round
// with the record it completed.
inline std::vector<RoundResult> run_rounds(ChainState& state, std::uint64_t rounds,
                                           std::function<std::size_t(std::uint64_t)> parallelism,
                                           const kzg::Srs& srs = excerpt()) {
  auto backend = backends::create_backend("cpu");
  std::vector<RoundResult> results;
  SimulateOptions options;
  options.rounds = rounds;
  options.parallelism = std::move(parallelism);
  options.on_round = [&](const RoundResult& r) { results.push_back(r); };
  simulate(state, *backend, srs, options);
  return results;
}

inline std::function<std::size_t(std::uint64_t)> constant_p(std::size_t p) {
  return [p](std::uint64_t) { return p; };
}

// A small test identity (fixed tiny difficulty so rounds take milliseconds).
inline ChainIdentity tiny_identity(std::uint32_t difficulty = 16) {
  const Digest32 id = sha3_256(as_bytes("proofgrid-chain-test-peer"));
  return ChainIdentity{Bytes(id.begin(), id.end()), Bytes(kDefaultGenesisBytes, 0), difficulty};
}

}  // namespace proofgrid::chain::test
