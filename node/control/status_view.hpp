#pragma once
// What `proofgrid status` and the metrics show about the running cluster, derived from a
// ClusterState snapshot and the chain head: the ops layer's StatusReport (node/ops/
// slot_status.hpp). Pure functions of their input, apart from reading /proc for local RSS.
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "node/control/cluster_state.hpp"
#include "node/ops/slot_status.hpp"

namespace proofgrid::control {

ops::WorkerState worker_state(SlotPhase phase);

// The host part of a multiaddr ("/ip4/192.168.0.201/tcp/40003" -> "192.168.0.201"), or the
// text itself when it does not parse.
std::string address_host(const std::string& address);

// A local process's resident set size (/proc/PID/statm), nullopt when it cannot be read.
std::optional<std::uint64_t> process_rss(pid_t pid);

// RSS of a slot's worker: /proc for a local process this control started, else what the
// worker last reported in a stats message, else nullopt.
std::optional<std::uint64_t> slot_rss(const SlotView& slot);

// One row per slot plus the head; `rss` reads a slot's RSS (slot_rss by default).
ops::StatusReport status_report(const ClusterSnapshot& snapshot, const ops::ChainHead& head, Clock::time_point now,
                                const std::function<std::optional<std::uint64_t>(const SlotView&)>& rss = slot_rss);

}  // namespace proofgrid::control
