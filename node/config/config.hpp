#pragma once
// The node's configuration (config.yml): one struct per section, every value carrying where
// it came from, so `config check` and error messages can point at the line that set it.
// The keys, their YAML names, defaults and documentation live in schema.cpp.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/bytes.hpp"
#include "node/config/diagnostic.hpp"
#include "node/config/multiaddr.hpp"
#include "node/config/units.hpp"

namespace proofgrid::config {

enum class Source {
  defaulted,  // the documented default
  file,       // written in config.yml
  derived,    // computed from this machine or from other keys (worker count, store path)
};

struct Origin {
  Source source = Source::defaulted;
  int line = 0;  // 1-based position in config.yml when source == file
  int column = 0;
};

template <class T>
struct Setting {
  T value{};
  Origin origin{};
  bool from_file() const { return origin.source == Source::file; }
};

enum class BackendChoice { automatic, cpu, simd, opencl };
std::string_view to_string(BackendChoice backend);
// "auto", "cpu", "simd", "opencl"; nullopt otherwise.
std::optional<BackendChoice> parse_backend(std::string_view name);
inline constexpr std::string_view kBackendNames = "auto, cpu, simd or opencl";

inline constexpr std::string_view kDefaultBaseListenMultiaddr = "/ip4/127.0.0.1/tcp/%d";
inline constexpr std::uint16_t kDefaultBaseListenPort = 40000;
inline constexpr std::size_t kDefaultGenesisBytes = 74;

struct EngineConfig {
  // Slot i's worker address; empty means "all workers on this machine, base port + i".
  Setting<std::vector<Setting<Multiaddr>>> data_worker_multiaddrs;
  // printf-style template with one %d for the port, used when the list is empty.
  Setting<std::string> data_worker_base_listen_multiaddr{std::string(kDefaultBaseListenMultiaddr)};
  Setting<std::uint16_t> data_worker_base_listen_port{kDefaultBaseListenPort};
  // Workers the control process starts when the list is empty (default: cores - 1, >= 1).
  Setting<unsigned> data_worker_count{1};
  Setting<std::uint64_t> data_worker_memory_limit{0};  // bytes; 0 = no limit
  Setting<std::uint64_t> difficulty{0};                 // 0 = the chain's schedule D(k)
  Setting<std::optional<Bytes>> peer_id;                // nullopt = derived from keys.yml
  Setting<Bytes> genesis{Bytes(kDefaultGenesisBytes, 0)};
  Setting<BackendChoice> backend{BackendChoice::automatic};
  Setting<std::filesystem::path> srs_path;                    // empty = none found
  Setting<std::optional<Duration>> prove_timeout;             // nullopt = from difficulty
  Setting<Duration> pause_max_duration{std::chrono::minutes(30)};
  Setting<std::optional<std::string>> control_key_fingerprint;  // lowercase hex SHA-256
  Setting<bool> insecure_loopback_no_auth{false};

  // The address slot `slot` listens on when the list is empty: the template filled with
  // base port + slot. Throws MultiaddrError when that port would pass 65535.
  Multiaddr base_listen_address(std::size_t slot) const;

  // How long the control process waits for one proof of a round with `round_difficulty`
  // VDF iterations: engine.proveTimeout when set, else 60 s + 1 ms per iteration (ten times
  // or more what a slow core needs, so only a lost or stuck worker reaches it).
  Duration prove_timeout_for(std::uint64_t round_difficulty) const;
};

struct MetricsConfig {
  Setting<std::optional<Multiaddr>> listen_address;  // nullopt = off
};

struct StoreConfig {
  Setting<std::filesystem::path> path;  // absolute; default <config dir>/store.sqlite
};

struct Config {
  std::filesystem::path dir;   // the config directory
  std::filesystem::path file;  // dir / config.yml
  EngineConfig engine;
  MetricsConfig metrics;
  StoreConfig store;
  std::vector<Diagnostic> warnings;  // found while loading; the config is still usable
};

// What the defaults depend on, injectable so tests do not depend on the machine.
struct Environment {
  unsigned hardware_threads = 1;
  std::filesystem::path shared_dir;  // holds srs/ (the default engine.srsPath)
};
Environment this_machine();

// One per core, minus one core reserved for the control process, at least one.
unsigned default_worker_count(unsigned hardware_threads);

}  // namespace proofgrid::config
