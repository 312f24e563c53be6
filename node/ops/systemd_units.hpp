#pragma once
// The systemd units of a planned cluster: proofgrid.service (the control process) and the
// template proofgrid-worker@.service, one instance per data worker, the instance being its
// --core number (systemctl enable --now proofgrid-worker@{4..7}.service).
#include <cstdint>
#include <string>

#include "node/ops/cluster_plan.hpp"

namespace proofgrid::ops {

inline constexpr const char* kControlUnitName = "proofgrid.service";
inline constexpr const char* kWorkerUnitName = "proofgrid-worker@.service";

std::string control_unit(const ClusterPlan& plan);
std::string worker_unit(const ClusterPlan& plan);

// MemoryMax= value: "infinity" for 0 (no limit), else the largest of T, G, M, K (powers of
// 1024, as systemd reads them) that divides the byte count, else bytes.
std::string systemd_memory(std::uint64_t bytes);

// "systemctl enable --now proofgrid-worker@{4..7}.service" for that machine's workers, with
// proofgrid.service first on the control machine.
std::string systemctl_command(const MachinePlan& machine);

}  // namespace proofgrid::ops
