#pragma once
// Shared by the ops unit tests: the seed tutorial's three-machine cluster as planner input,
// and running an outside checker (nft, promtool) when this machine has it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "node/ops/cluster_plan.hpp"

namespace proofgrid::test {

// Machines A, B and C of the seed: 3, 4 and 10 workers, the control on A.
inline ops::PlanInput seed_three_machines() {
  ops::PlanInput in;
  for (const char* h : {"192.168.0.200:3", "192.168.0.201:4", "192.168.0.203:10"})
    in.hosts.push_back(ops::parse_host_spec(h));
  return in;
}

// The absolute path of `tool` when it is installed (searched in the usual sbin/bin folders).
std::string find_tool(const std::string& tool);

}  // namespace proofgrid::test
