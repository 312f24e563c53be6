// `proofgrid chain simulate`: the time-proof chain computed in-process on one backend, no
// network — the same ChainState the control process drives, so the records are the bytes a
// cluster with the same identity, genesis, P and difficulty writes.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "backends/registry/registry.hpp"
#include "engine/chain/simulate.hpp"
#include "engine/common/hash.hpp"
#include "engine/kzg/round_commitment.hpp"
#include "engine/kzg/srs.hpp"
#include "node/build_info.hpp"
#include "node/cli/commands.hpp"
#include "node/store/store.hpp"

namespace proofgrid::cli {
namespace {

struct SimulateArgs {
  std::string peer_id_hex;
  std::string genesis_hex;
  std::size_t slots = 0;
  std::uint32_t difficulty = 0;
  std::uint64_t rounds = 0;
  std::string backend = "cpu";
  std::string srs_file;
  std::string store_file;
  bool json = false;
};

Bytes hex_option(const std::string& flag, const std::string& hex, const char* example) {
  try {
    return from_hex(hex);
  } catch (const std::invalid_argument& e) {
    throw CLI::ValidationError(flag, std::string(e.what()) + "; pass hex bytes, e.g. " + example);
  }
}

chain::ChainIdentity identity_of(const SimulateArgs& a) {
  chain::ChainIdentity id;
  id.peer_id = hex_option("--peer-id", a.peer_id_hex, "4b14d5e49d57e356afb32b94b6c33d877e1435c491d5ac15e29e2385a4ccfeaa");
  if (id.peer_id.empty()) throw CLI::ValidationError("--peer-id", "the peer id must have at least one byte");
  if (!a.genesis_hex.empty()) id.genesis = hex_option("--genesis", a.genesis_hex, "00 repeated 74 times");
  id.fixed_difficulty = a.difficulty;
  return id;
}

// Progress on stderr for long runs on a terminal; one line rewritten per round.
std::function<void(const chain::RoundResult&)> progress_printer(const SimulateArgs& a, std::uint64_t first) {
  const bool long_run = a.difficulty == 0 || static_cast<double>(a.difficulty) * static_cast<double>(a.rounds) >= 1e5;
  if (!long_run || isatty(STDERR_FILENO) == 0) return {};
  const auto start = std::chrono::steady_clock::now();
  return [start, first, total = a.rounds](const chain::RoundResult& r) {
    const std::uint64_t done = r.round.increment - first + 1;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\rchain simulate: round %llu/%llu (increment %llu, T = %u)  %.1f s",
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                 static_cast<unsigned long long>(r.round.increment), r.round.difficulty, s);
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

std::vector<store::SlotAttribution> in_process(const chain::CommittedRound& round, const std::string& backend) {
  std::vector<store::SlotAttribution> who(round.parallelism());
  for (std::size_t i = 0; i < who.size(); ++i)
    who[i] = {static_cast<std::uint32_t>(i), 0, "simulate:" + backend, round.timings.solve_seconds, 1, false};
  return who;
}

void print_record_text(const chain::Record& r) {
  std::cout << "record " << r.increment << "  P " << r.parallelism << "  idx " << r.idx << "  challenge "
            << to_hex(r.challenge) << "\n  sha3-256 " << to_hex(sha3_256(r.bytes)) << "\n  " << to_hex(r.bytes)
            << "\n";
}

void run_simulate(const SimulateArgs& a) {
  if (a.slots == 0) throw CLI::ValidationError("--slots", "a round needs at least one slot (P >= 1)");
  if (a.rounds == 0) throw CLI::ValidationError("--rounds", "run at least one round (K >= 1)");
  const chain::ChainIdentity id = identity_of(a);
  const std::filesystem::path srs_path =
      a.srs_file.empty() ? kzg::default_srs_path(build_info::kSharedDir) : std::filesystem::path(a.srs_file);
  const auto srs = kzg::Srs::load(srs_path);
  srs->require_commit(kzg::round_layout(a.slots).poly_size);
  const auto backend = backends::create_backend(a.backend);

  std::optional<store::Store> store;
  if (!a.store_file.empty()) store.emplace(store::Store::open(a.store_file, id));
  chain::ChainState state(id, store ? store->load_head() : std::nullopt);
  const std::uint64_t first = state.next_increment();
  if (!a.json) {
    std::cout << "chain simulate: " << a.rounds << " round" << (a.rounds == 1 ? "" : "s") << " of " << a.slots
              << " slot" << (a.slots == 1 ? "" : "s") << " at "
              << (a.difficulty ? "T = " + std::to_string(a.difficulty) : std::string("T = D(k)")) << " on "
              << backend->name() << " (" << backend->device() << ")\n"
              << "peer id " << to_hex(id.peer_id) << ", genesis " << id.genesis.size() << " bytes"
              << (first ? ", continuing " + a.store_file + " after round " + std::to_string(first - 1) : "") << "\n";
  }

  nlohmann::ordered_json records = nlohmann::ordered_json::array();
  const auto progress = progress_printer(a, first);
  chain::SimulateOptions options;
  options.rounds = a.rounds;
  options.parallelism = [p = a.slots](std::uint64_t) { return p; };
  options.on_round = [&](const chain::RoundResult& r) {
    if (store) store->append(r, in_process(r.round, backend->name()));  // durable before the next round
    if (progress) progress(r);
    if (!a.json) {
      std::printf("round %llu  P %zu  T %u  C %s  solve %.3f s  commit %.3f s\n",
                  static_cast<unsigned long long>(r.round.increment), r.round.parallelism(), r.round.difficulty,
                  to_hex(r.round.commitment).c_str(), r.round.timings.solve_seconds, r.round.timings.commit_seconds);
      std::fflush(stdout);
      if (r.record) print_record_text(*r.record);
      std::cout.flush();
    } else if (r.record) {
      records.push_back({{"increment", r.record->increment},
                         {"idx", r.record->idx},
                         {"challenge", to_hex(r.record->challenge)},
                         {"record_hex", to_hex(r.record->bytes)}});
    }
  };
  chain::simulate(state, *backend, *srs, options);
  if (a.json) std::cout << nlohmann::ordered_json{{"records", records}}.dump() << "\n";
  else if (!store) std::cout << "the last round's record needs the next round's commitment: pass --store FILE to keep it\n";
}

}  // namespace

void add_chain_command(CLI::App& app) {
  auto* chain_cmd = app.add_subcommand("chain", "The time-proof chain computed in-process (no cluster, no network)");
  chain_cmd->require_subcommand(1);
  chain_cmd->footer(
      "Example (the public vector chain, ../shared/vectors/time_proof_chain.json):\n"
      "  proofgrid chain simulate --peer-id 4b14d5e49d57e356afb32b94b6c33d877e1435c491d5ac15e29e2385a4ccfeaa \\\n"
      "      --slots 3 --difficulty 200 --rounds 5\n"
      "Docs: docs/chain.md.");

  auto args = std::make_shared<SimulateArgs>();
  auto* sim = chain_cmd->add_subcommand("simulate", "Run K rounds of P slots on one backend and print the records");
  sim->add_option("--peer-id", args->peer_id_hex, "The chain's identity bytes as hex (engine.peerId)")
      ->required()
      ->type_name("HEX");
  sim->add_option("--genesis", args->genesis_hex, "C_{-1}, the challenge of round 0, as hex of any length (engine.genesis; default 74 zero bytes)")
      ->type_name("HEX");
  sim->add_option("--slots", args->slots, "P, the slots (VDF proofs) per round")->required()->type_name("P");
  sim->add_option("--difficulty", args->difficulty, "T, squarings per VDF; 0 follows the schedule D(k) = max(25000, 200000 - floor(k/4))")
      ->required()
      ->type_name("T");
  sim->add_option("--rounds", args->rounds, "K, rounds to run; they give the records of increments 0 .. K-2")
      ->required()
      ->type_name("K");
  sim->add_option("--backend", args->backend, "Backend that solves the slots and computes the commitments (cpu, simd, opencl, auto)")
      ->capture_default_str()
      ->type_name("NAME");
  sim->add_option("--srs", args->srs_file, "Ceremony JSON; default $PROOFGRID_SRS, else the shared excerpt (serves P <= 128)")
      ->type_name("FILE");
  sim->add_option("--store", args->store_file, "Also append the rounds to this SQLite store (continuing its chain when it has one); check it with proofgrid verify --store FILE")
      ->type_name("FILE");
  sim->add_flag("--json", args->json, R"(Print {"records":[{"increment":0,"idx":I,"challenge":"HEX","record_hex":"HEX"},...]})");
  sim->footer(
      "Round k: input = peerId || C_{k-1}; slot i proves VDF(SHA3-256(BE32(i) || input), T); C_k commits to the\n"
      "SHA3-512 digests of the P outputs. C_k picks which slot of round k-1 its record opens, so K rounds give\n"
      "the records of increments 0 .. K-2. Every output is verified before it is used.\n"
      "Examples:\n"
      "  proofgrid chain simulate --peer-id 4b14d5e49d57e356afb32b94b6c33d877e1435c491d5ac15e29e2385a4ccfeaa \\\n"
      "      --slots 3 --difficulty 200 --rounds 5 --json\n"
      "  proofgrid chain simulate --peer-id 01 --slots 8 --difficulty 1000 --rounds 3 --store /tmp/chain.sqlite\n"
      "  proofgrid verify --store /tmp/chain.sqlite");
  sim->callback([args] { report_errors([&] { run_simulate(*args); }); });
}

}  // namespace proofgrid::cli
