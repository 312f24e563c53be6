#pragma once
// Machines for the multi-host tests: Linux network namespaces joined to a hub namespace by
// veth pairs, with 10.x addresses that exist only inside them. Names are unique per test run
// (pid + counter), so tests may run in parallel; the namespaces (and with them the veths and
// addresses) are removed when the NetLab goes away, also when a test fails.
//
//   auto lab = NetLab::create({"A", "B", "C"});   // nullptr + a WARN when not permitted
//   Proc w(args, log, {}, lab->exec("B"));       // proofgrid inside machine B
//   lab->set_link("B", false);                   // B's cable pulled
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace proofgrid::test {

class NetLab {
 public:
  // The first machine is the hub; every other one is linked to it by its own veth pair
  // (10.77.i.1 on the hub's side, 10.77.i.2 on the machine's). Returns nullptr, after a
  // Catch2 WARN saying why, when namespaces cannot be created here (not root, no
  // CAP_NET_ADMIN or CAP_SYS_ADMIN for `ip netns exec`).
  static std::unique_ptr<NetLab> create(const std::vector<std::string>& machines);
  ~NetLab();
  NetLab(const NetLab&) = delete;
  NetLab& operator=(const NetLab&) = delete;

  // A 10.x address of `machine` (the hub answers with its side of the first link).
  std::string address(const std::string& machine) const;
  // The wrapper that runs a program inside `machine`'s namespace.
  std::vector<std::string> exec(const std::string& machine) const;
  // Takes the link between `machine` and the hub down or up (the hub's end of the veth).
  void set_link(const std::string& machine, bool up) const;

 private:
  struct Machine {
    std::string name;
    std::string ns;
    std::string hub_if;  // the veth end in the hub (empty for the hub itself)
    std::string address;
  };
  NetLab() = default;
  const Machine& find(const std::string& name) const;
  std::vector<Machine> machines_;
};

// `ip ARGS...`: nullopt on success, else what it printed.
std::optional<std::string> ip_command(const std::vector<std::string>& args);

}  // namespace proofgrid::test
