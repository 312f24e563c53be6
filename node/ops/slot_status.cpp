#include "node/ops/slot_status.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "node/ops/text_table.hpp"

namespace proofgrid::ops {
namespace {

constexpr std::array<std::string_view, 6> kStateNames = {"starting", "ready", "busy", "paused", "dead", "crash-loop"};

template <class T>
nlohmann::json optional_json(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

template <class T>
T field(const nlohmann::json& j, const char* name, const char* where) {
  try {
    return j.at(name).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::invalid_argument(std::string("status report: ") + where + "." + name + " is missing or of the wrong type");
  }
}

template <class T>
std::optional<T> optional_field(const nlohmann::json& j, const char* name, const char* where) {
  if (!j.contains(name) || j.at(name).is_null()) return std::nullopt;
  return field<T>(j, name, where);
}

std::string seconds_text(const std::optional<double>& s) {
  if (!s) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, *s < 100 ? "%.1fs" : "%.0fs", *s);
  return buf;
}

std::string memory_text(const std::optional<std::uint64_t>& bytes) {
  if (!bytes) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fMiB", static_cast<double>(*bytes) / (1024.0 * 1024.0));
  return buf;
}

std::string utc_text(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::string_view to_string(WorkerState state) { return kStateNames[static_cast<std::size_t>(state)]; }

std::optional<WorkerState> parse_worker_state(std::string_view text) {
  for (std::size_t i = 0; i < kStateNames.size(); ++i)
    if (kStateNames[i] == text) return static_cast<WorkerState>(i);
  return std::nullopt;
}

nlohmann::json to_json(const StatusReport& r) {
  nlohmann::json slots = nlohmann::json::array();
  for (const auto& s : r.slots)
    slots.push_back({{"slot", s.slot},
                     {"core", s.core},
                     {"address", s.address},
                     {"host", s.host},
                     {"state", to_string(s.state)},
                     {"backend", s.backend},
                     {"proofs_accepted", s.proofs_accepted},
                     {"invalid_proofs", s.proofs_invalid},
                     {"restarts", s.restarts},
                     {"last_proof_age_seconds", optional_json(s.last_proof_age_seconds)},
                     {"mean_prove_seconds", optional_json(s.mean_prove_seconds)},
                     {"rss_bytes", optional_json(s.resident_memory_bytes)},
                     {"paused_for_seconds", optional_json(s.paused_for_seconds)}});
  return {{"head",
           {{"increment", r.head.increment},
            {"parallelism", r.head.parallelism},
            {"poly_size", r.head.poly_size},
            {"last_round_time", optional_json(r.head.last_round_unix_seconds)}}},
          {"slots", slots}};
}

StatusReport status_from_json(const nlohmann::json& j) {
  StatusReport r;
  const auto head = field<nlohmann::json>(j, "head", "status");
  r.head.increment = field<std::uint64_t>(head, "increment", "head");
  r.head.parallelism = field<std::size_t>(head, "parallelism", "head");
  r.head.poly_size = field<std::size_t>(head, "poly_size", "head");
  r.head.last_round_unix_seconds = optional_field<std::int64_t>(head, "last_round_time", "head");
  for (const auto& s : field<nlohmann::json>(j, "slots", "status")) {
    SlotStatus row;
    row.slot = field<std::size_t>(s, "slot", "slots[]");
    row.core = field<unsigned>(s, "core", "slots[]");
    row.address = field<std::string>(s, "address", "slots[]");
    row.host = field<std::string>(s, "host", "slots[]");
    auto state = parse_worker_state(field<std::string>(s, "state", "slots[]"));
    if (!state) throw std::invalid_argument("status report: slots[].state is not a worker state");
    row.state = *state;
    row.backend = field<std::string>(s, "backend", "slots[]");
    row.proofs_accepted = field<std::uint64_t>(s, "proofs_accepted", "slots[]");
    row.proofs_invalid = field<std::uint64_t>(s, "invalid_proofs", "slots[]");
    row.restarts = field<std::uint64_t>(s, "restarts", "slots[]");
    row.last_proof_age_seconds = optional_field<double>(s, "last_proof_age_seconds", "slots[]");
    row.mean_prove_seconds = optional_field<double>(s, "mean_prove_seconds", "slots[]");
    row.resident_memory_bytes = optional_field<std::uint64_t>(s, "rss_bytes", "slots[]");
    row.paused_for_seconds = optional_field<double>(s, "paused_for_seconds", "slots[]");
    r.slots.push_back(std::move(row));
  }
  return r;
}

std::string format_status(const StatusReport& r) {
  std::string out = "chain head: increment " + std::to_string(r.head.increment) + ", P = " +
                    std::to_string(r.head.parallelism) + ", N = " + std::to_string(r.head.poly_size) + ", last round " +
                    (r.head.last_round_unix_seconds ? utc_text(*r.head.last_round_unix_seconds) : "none yet") + "\n";
  std::vector<std::array<std::string, 12>> rows = {{"SLOT", "CORE", "ADDRESS", "HOST", "STATE", "BACKEND", "ACCEPTED",
                                                    "INVALID", "RESTARTS", "LAST PROOF", "MEAN PROVE", "RSS"}};
  for (const auto& s : r.slots) {
    std::string state(to_string(s.state));
    if (s.paused_for_seconds) state += " (" + seconds_text(s.paused_for_seconds) + " left)";
    rows.push_back({std::to_string(s.slot), "--core " + std::to_string(s.core), s.address, s.host, state,
                    s.backend.empty() ? "-" : s.backend, std::to_string(s.proofs_accepted),
                    std::to_string(s.proofs_invalid), std::to_string(s.restarts), seconds_text(s.last_proof_age_seconds),
                    seconds_text(s.mean_prove_seconds), memory_text(s.resident_memory_bytes)});
  }
  return out + aligned_table(rows);
}

}  // namespace proofgrid::ops
