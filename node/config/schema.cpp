#include "node/config/schema.hpp"

#include <array>
#include <cctype>
#include <limits>

#include "node/config/yaml_reader.hpp"

namespace proofgrid::config {
namespace {

template <class T, class V>
void set(Setting<T>& setting, V&& value, const ValueReader& in) {
  setting.value = std::forward<V>(value);
  setting.origin = in.origin();
}

constexpr std::string_view kMultiaddrExpected =
    "a multiaddr: /ip4/A.B.C.D/tcp/PORT, /ip6/ADDR/tcp/PORT or /dns4|dns6|dns/NAME/tcp/PORT";

void apply_worker_multiaddrs(const ValueReader& in, Config& out) {
  auto items = in.elements(kMultiaddrExpected);
  if (!items) return;
  std::vector<Setting<Multiaddr>> list;
  for (const auto& item : *items) {
    auto text = item.scalar();
    if (!text) continue;
    std::string reason;
    auto addr = Multiaddr::try_parse(*text, &reason);
    if (!addr) {
      item.fail(reason);
      continue;
    }
    for (std::size_t slot = 0; slot < list.size(); ++slot) {
      if (list[slot].value == *addr) {
        item.report("duplicate address \"" + *text + "\": slot " + std::to_string(slot) +
                    " (line " + std::to_string(list[slot].origin.line) +
                    ") already uses it; every slot needs its own address");
        break;
      }
    }
    list.push_back({*addr, item.origin()});
  }
  set(out.engine.data_worker_multiaddrs, std::move(list), in);
}

void apply_base_listen_multiaddr(const ValueReader& in, Config& out) {
  auto text = in.scalar();
  if (!text) return;
  auto at = text->find("%d");
  if (at == std::string::npos || text->find("%d", at + 1) != std::string::npos)
    return in.fail("it needs exactly one %d where the port goes");
  std::string probe = *text;
  probe.replace(at, 2, "1");
  if (probe.find('%') != std::string::npos) return in.fail("only %d may follow a '%'");
  std::string reason;
  if (!Multiaddr::try_parse(probe, &reason)) return in.fail(reason);
  set(out.engine.data_worker_base_listen_multiaddr, *text, in);
}

void apply_base_listen_port(const ValueReader& in, Config& out) {
  if (auto v = in.integer(1, 65535)) set(out.engine.data_worker_base_listen_port, static_cast<std::uint16_t>(*v), in);
}

void apply_worker_count(const ValueReader& in, Config& out) {
  if (auto v = in.integer(1, 65535)) set(out.engine.data_worker_count, static_cast<unsigned>(*v), in);
}

void apply_memory_limit(const ValueReader& in, Config& out) {
  auto text = in.scalar();
  if (!text) return;
  if (auto bytes = parse_byte_size(*text)) return set(out.engine.data_worker_memory_limit, *bytes, in);
  in.fail();
}

void apply_difficulty(const ValueReader& in, Config& out) {
  if (auto v = in.integer(0, std::numeric_limits<std::uint32_t>::max())) set(out.engine.difficulty, *v, in);
}

std::optional<Bytes> read_hex(const ValueReader& in) {
  auto text = in.scalar();
  if (!text) return std::nullopt;
  try {
    return from_hex(*text);
  } catch (const std::invalid_argument& e) {
    in.fail(e.what());
    return std::nullopt;
  }
}

void apply_peer_id(const ValueReader& in, Config& out) {
  if (in.is_null()) return;  // an empty value keeps "derive from keys.yml"
  auto bytes = read_hex(in);
  if (bytes && bytes->empty()) return in.fail("it is empty; remove the key to derive it from keys.yml");
  if (bytes) set(out.engine.peer_id, std::optional<Bytes>(std::move(*bytes)), in);
}

void apply_genesis(const ValueReader& in, Config& out) {
  if (auto bytes = read_hex(in)) set(out.engine.genesis, std::move(*bytes), in);
}

void apply_backend(const ValueReader& in, Config& out) {
  auto text = in.scalar();
  if (!text) return;
  if (auto b = parse_backend(*text)) return set(out.engine.backend, *b, in);
  in.fail();
}

void apply_path(const ValueReader& in, Setting<std::filesystem::path>& setting, const Config& out) {
  auto text = in.scalar();
  if (!text) return;
  if (text->empty()) return in.fail("it is empty");
  std::filesystem::path p(*text);
  set(setting, p.is_absolute() ? p : out.dir / p, in);
}

void apply_srs_path(const ValueReader& in, Config& out) { apply_path(in, out.engine.srs_path, out); }
void apply_store_path(const ValueReader& in, Config& out) { apply_path(in, out.store.path, out); }

std::optional<Duration> read_duration(const ValueReader& in) {
  auto text = in.scalar();
  if (!text) return std::nullopt;
  auto d = parse_duration(*text);
  if (!d) in.fail();
  return d;
}

void apply_prove_timeout(const ValueReader& in, Config& out) {
  if (in.is_null()) return;  // derived from the difficulty
  auto d = read_duration(in);
  if (d && d->count() == 0) return in.fail("a zero timeout would fail every proof");
  if (d) set(out.engine.prove_timeout, std::optional<Duration>(*d), in);
}

void apply_pause_max(const ValueReader& in, Config& out) {
  if (auto d = read_duration(in)) set(out.engine.pause_max_duration, *d, in);
}

void apply_fingerprint(const ValueReader& in, Config& out) {
  if (in.is_null()) return;
  auto text = in.scalar();
  if (!text) return;
  // The same spellings the transport accepts: an optional "sha256:" prefix, colons between bytes.
  std::string_view given = *text;
  if (given.rfind("sha256:", 0) == 0) given.remove_prefix(7);
  std::string hex;
  bool ok = true;
  for (char c : given) {
    if (c == ':') continue;
    ok = ok && std::isxdigit(static_cast<unsigned char>(c));
    hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!ok || hex.size() != 64)
    return in.fail(ok ? "it has " + std::to_string(hex.size()) + " hex digits" : "it has a character that is not hex");
  set(out.engine.control_key_fingerprint, std::optional<std::string>(hex), in);
}

void apply_insecure(const ValueReader& in, Config& out) {
  if (auto b = in.boolean()) set(out.engine.insecure_loopback_no_auth, *b, in);
}

void apply_metrics_listen(const ValueReader& in, Config& out) {
  if (in.is_null()) return;
  auto text = in.scalar();
  if (!text) return;
  if (*text == "off" || text->empty()) return set(out.metrics.listen_address, std::optional<Multiaddr>(), in);
  // Turned on without an address: loopback only, Prometheus's registered port for us.
  if (*text == "on") return set(out.metrics.listen_address, std::optional(Multiaddr::parse("/ip4/127.0.0.1/tcp/9464")), in);
  std::string reason;
  auto addr = Multiaddr::try_parse(*text, &reason);
  if (!addr) return in.fail(reason);
  set(out.metrics.listen_address, std::optional<Multiaddr>(*addr), in);
}

// Keep in the order a fresh config.yml lists them; docs/configuration.md follows it.
const std::array<KeySpec, 16> kKeys = {{
    {"engine", "dataWorkerMultiaddrs", "a list of multiaddrs (block \"- /ip4/…\" lines or flow [\"…\", \"…\"])",
     "[] (workers on this machine, base port + slot)",
     "Slot i's worker address: `proofgrid --core i+1` listens there. Empty: the control process "
     "starts dataWorkerCount local workers on the base port",
     "[]", "", apply_worker_multiaddrs},
    {"engine", "dataWorkerBaseListenMultiaddr", "a multiaddr template with one %d for the port, like /ip4/127.0.0.1/tcp/%d",
     "/ip4/127.0.0.1/tcp/%d", "Where local workers listen when dataWorkerMultiaddrs is empty",
     "\"/ip4/127.0.0.1/tcp/%d\"", "", apply_base_listen_multiaddr},
    {"engine", "dataWorkerBaseListenPort", "a port number 1-65535", "40000",
     "The port of slot 0 when dataWorkerMultiaddrs is empty; slot i uses base + i", "40000", "",
     apply_base_listen_port},
    {"engine", "dataWorkerCount", "a whole number 1-65535",
     "cores − 1 (one core is the control's reserve), at least 1; the list length when "
     "dataWorkerMultiaddrs is set",
     "How many local workers the control process starts when dataWorkerMultiaddrs is empty", "",
     "4", apply_worker_count},
    {"engine", "dataWorkerMemoryLimit", "a size like 2GiB, 512MiB or a number of bytes (0 = no limit)",
     "0 (no limit)", "Memory limit per data worker process", "0", "", apply_memory_limit},
    {"engine", "difficulty", "a whole number 0-4294967295 (0 = the chain's schedule)", "0",
     "VDF iterations per proof: 0 follows the chain's schedule D(k), >0 fixes it", "0", "",
     apply_difficulty},
    {"engine", "peerId", "hex bytes (the identity bytes of the chain)", "SHA3-256 of the raw Ed25519 public key in keys.yml",
     "Compatibility: the identity bytes hashed into every round (reproduce an existing "
     "identity's chain)", "", "\"<hex>\"", apply_peer_id},
    {"engine", "genesis", "hex bytes (the challenge before round 0)", "74 zero bytes",
     "Compatibility: C_{-1}, the challenge of round 0", "", "\"<hex>\"", apply_genesis},
    {"engine", "backend", "one of auto, cpu, simd, opencl", "auto",
     "Compute backend of the data workers (--backend overrides it)", "auto", "", apply_backend},
    {"engine", "srsPath", "a file path (relative paths start at the config directory)",
     "the shared ceremony excerpt when present", "The KZG structured reference string (JSON)", "",
     "/path/to/srs.json", apply_srs_path},
    {"engine", "proveTimeout", "a duration like 90s, 30m or 1h", "60s + 1ms per VDF iteration of the round",
     "How long the control process waits for one slot's proof before reassigning it", "", "90s",
     apply_prove_timeout},
    {"engine", "pauseMaxDuration", "a duration like 90s, 30m or 1h", "30m",
     "The longest a worker may stay paused before its slots are reassigned", "30m", "",
     apply_pause_max},
    {"engine", "controlKeyFingerprint", "64 hex digits (SHA-256 of the control's public key; \"sha256:\" and colons allowed)",
     "none (set when keys.yml is generated)",
     "Workers accept only the control process whose key has this fingerprint", "", "\"<64 hex>\"",
     apply_fingerprint},
    {"engine", "insecureLoopbackNoAuth", "true or false", "false",
     "Loopback-only mode without TLS (every worker address must be loopback)", "false", "",
     apply_insecure},
    {"metrics", "listenAddress", "off, on (= /ip4/127.0.0.1/tcp/9464) or a multiaddr like /ip4/127.0.0.1/tcp/9464", "off",
     "Where Prometheus metrics are served", "off", "", apply_metrics_listen},
    {"store", "path", "a file path (relative paths start at the config directory)",
     "<config dir>/store.sqlite", "The SQLite store of durable records", "", "store.sqlite",
     apply_store_path},
}};

constexpr std::array<std::string_view, 3> kSections = {"engine", "metrics", "store"};

}  // namespace

std::span<const KeySpec> key_table() { return kKeys; }

std::span<const std::string_view> section_names() { return kSections; }

const KeySpec* find_key(std::string_view section, std::string_view name) {
  for (const auto& k : key_table())
    if (k.section == section && k.name == name) return &k;
  return nullptr;
}

}  // namespace proofgrid::config
