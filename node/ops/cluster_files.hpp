#pragma once
// A cluster plan as operators use it: the config.yml every machine shares, the commands and
// systemd units for each machine, its firewall rules, and the --json form of all of it.
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "node/ops/cluster_plan.hpp"

namespace proofgrid::ops {

// The engine.dataWorkerMultiaddrs block as in the seed tutorial, one comment per machine:
// "engine:\n  dataWorkerMultiaddrs:\n    # 192.168.0.200: --core 1-3 (control machine)\n    - /ip4/…".
std::string multiaddr_block(const ClusterPlan& plan);

// A complete config.yml (every key, documented, from the config generator) carrying the
// planned worker list, memory limit and control key fingerprint.
std::string cluster_config_yml(const ClusterPlan& plan);

// "the control process and data workers --core 1-3 (slots 0-2), ports 40000-40002".
std::string machine_summary(const MachinePlan& machine);

// The machine's processes as one shell line, without systemd:
// "for core in {4..7}; do /usr/local/bin/proofgrid --config DIR --core $core & done; wait".
std::string machine_command(const ClusterPlan& plan, const MachinePlan& machine);

// commands-<host>.sh: set-up and start, in order, for one machine (bash, run as root).
std::string commands_script(const ClusterPlan& plan, const MachinePlan& machine);

// The --json form:
// {"dataWorkerMultiaddrs":[…],"machines":[{"host","cores":[first,last],"ports":[first,last],
//  "workers","control","command","systemd","firewall_ufw":[…],"firewall_nft":[…]}],
//  "control":{"host","command","systemd","runs_workers"},"total_workers","poly_size","chunks",
//  "warnings":[…]}. "machines" lists the machines that run workers.
nlohmann::json plan_json(const ClusterPlan& plan);

struct PlanFile {
  std::string name;  // relative to the output directory
  std::string content;
  mode_t mode = 0644;
};

// Everything --out DIR writes: config.yml, the two units, and per machine commands-<host>.sh,
// firewall-<host>.ufw and firewall-<host>.nft (the last two for machines with workers).
std::vector<PlanFile> plan_files(const ClusterPlan& plan);

// Writes the files into `dir` (created when missing), each atomically. Refuses a directory
// holding keys.yml: a plan belongs in its own directory, not over a live config.
// Throws PlanError, or std::system_error naming the path.
void write_plan_files(const std::vector<PlanFile>& files, const std::filesystem::path& dir);

}  // namespace proofgrid::ops
