#pragma once
// A cluster spread over NetLab machines: every worker listed in engine.dataWorkerMultiaddrs
// with its machine's 10.x address, started by hand (`proofgrid --core N`) inside that
// machine's namespace, and the control process on the hub machine — the seed tutorial's
// manual multi-machine layout. Ports are fixed per slot: each namespace has its own ports,
// so nothing can collide with the host or with another test.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/integration/fault/fault_support.hpp"
#include "tests/integration/fault/net_lab.hpp"

namespace proofgrid::test {

struct NetCluster {
  // {machine, workers}; the first machine is the hub and runs the control process.
  using Layout = std::vector<std::pair<std::string, unsigned>>;

  // nullptr (after a WARN) when the namespaces cannot be made here.
  static std::unique_ptr<NetCluster> create(const Layout& layout, std::uint64_t difficulty);

  TempDir dir{"pg-net"};
  std::unique_ptr<NetLab> lab;  // declared first: the processes below end before it goes
  ClusterConfig cfg;
  std::filesystem::path cfg_dir;
  std::vector<std::string> machine_of;  // slot -> machine
  std::vector<std::unique_ptr<Proc>> workers;
  std::unique_ptr<Proc> control;

  // Starts every worker and waits until each is ready; then the control.
  void start();
  std::string label(unsigned slot) const;
};

}  // namespace proofgrid::test
