#include "tests/integration/fault/net_cluster.hpp"

namespace proofgrid::test {

std::unique_ptr<NetCluster> NetCluster::create(const Layout& layout, std::uint64_t difficulty) {
  std::vector<std::string> names;
  for (const auto& [machine, n] : layout) names.push_back(machine);
  auto lab = NetLab::create(names);
  if (!lab) return nullptr;
  auto c = std::make_unique<NetCluster>();
  c->lab = std::move(lab);
  c->cfg = ClusterConfig::listed(0);
  c->cfg.difficulty = difficulty;
  c->cfg.base_port = 41000;
  for (const auto& [machine, n] : layout)
    for (unsigned i = 0; i < n; ++i) {
      c->cfg.hosts.push_back(c->lab->address(machine));
      c->machine_of.push_back(machine);
    }
  c->cfg.workers = static_cast<unsigned>(c->machine_of.size());
  c->cfg_dir = c->cfg.write(c->dir);
  return c;
}

void NetCluster::start() {
  for (unsigned slot = 0; slot < cfg.workers; ++slot)
    workers.push_back(std::make_unique<Proc>(
        std::vector<std::string>{"--config", cfg_dir.string(), "--core", std::to_string(slot + 1)},
        dir / ("worker" + std::to_string(slot + 1) + ".log"), std::map<std::string, std::string>{},
        lab->exec(machine_of[slot])));
  for (unsigned slot = 0; slot < cfg.workers; ++slot) {
    if (!workers[slot]->wait_for(label(slot) + ": data worker ready", 60s))
      FAIL("worker " << slot + 1 << " on machine " << machine_of[slot] << " did not start:\n" << workers[slot]->output());
  }
  control = std::make_unique<Proc>(std::vector<std::string>{"--config", cfg_dir.string()}, dir / "control.log",
                                   std::map<std::string, std::string>{}, lab->exec(machine_of.front()));
}

std::string NetCluster::label(unsigned slot) const {
  return "slot " + std::to_string(slot) + " (--core " + std::to_string(slot + 1) + ") " + cfg.address(slot);
}

}  // namespace proofgrid::test
