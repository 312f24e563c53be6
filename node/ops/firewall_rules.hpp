#pragma once
// Per-machine firewall rules that open a machine's worker ports to the control process only
// (the seed tutorial's rules, with the right source address and port range).
//
// The control machine itself needs no opening: it reaches its own workers at its own
// address, and Linux delivers traffic to a local address over the loopback interface, which
// ufw always accepts (before.rules) and the nftables table below accepts explicitly.
#include <string>
#include <vector>

#include "node/ops/cluster_plan.hpp"

namespace proofgrid::ops {

// ufw commands for one machine (run as root); empty for the control machine.
// "ufw allow from 192.168.0.200 to any port 40003:40006 proto tcp".
std::vector<std::string> ufw_rules(const ClusterPlan& plan, const MachinePlan& machine);
// firewall-<host>.ufw: a sh script running ufw_rules, with comments.
std::string ufw_script(const ClusterPlan& plan, const MachinePlan& machine);

// The rules of the nftables chain for one machine: traffic to the worker ports is accepted
// from loopback and from the control, every other packet to them dropped.
std::vector<std::string> nft_rules(const ClusterPlan& plan, const MachinePlan& machine);
// firewall-<host>.nft: a file for `nft -f` that (re)creates table inet proofgrid_workers.
std::string nft_file(const ClusterPlan& plan, const MachinePlan& machine);

}  // namespace proofgrid::ops
