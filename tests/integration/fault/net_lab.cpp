#include "tests/integration/fault/net_lab.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include <catch2/catch.hpp>

#include "tests/support/process.hpp"

namespace proofgrid::test {
namespace {

std::filesystem::path ip_binary() {
  for (const char* p : {"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"})
    if (std::filesystem::exists(p)) return p;
  return {};
}

std::string unique_tag() {
  static std::atomic<unsigned> counter{0};
  // veth names are at most 15 characters: "pg" + 5 pid digits + 2 counter digits + suffix.
  return std::to_string(::getpid() % 100000) + std::to_string(counter++ % 100);
}

}  // namespace

std::optional<std::string> ip_command(const std::vector<std::string>& args) {
  const auto ip = ip_binary();
  if (ip.empty()) return std::string("the ip program (Debian package iproute2) is not installed");
  const ProcessResult r = run_process(ip, args, std::chrono::seconds(20));
  if (!r.signaled && !r.timed_out && r.exit_code == 0) return std::nullopt;
  std::string cmd = "ip";
  for (const auto& a : args) cmd += " " + a;
  return cmd + ": " + (r.err.empty() ? r.out : r.err);
}

std::unique_ptr<NetLab> NetLab::create(const std::vector<std::string>& machines) {
  std::unique_ptr<NetLab> lab(new NetLab());
  const std::string tag = unique_tag();
  std::optional<std::string> problem;
  const auto run = [&](const std::vector<std::string>& args) {
    if (!problem) problem = ip_command(args);
  };
  if (::geteuid() != 0) problem = "not running as root";
  for (std::size_t i = 0; i < machines.size() && !problem; ++i) {
    Machine m;
    m.name = machines[i];
    m.ns = "pg" + tag + "-" + m.name;
    run({"netns", "add", m.ns});
    if (problem) break;
    lab->machines_.push_back(m);  // from here on the destructor removes it
    run({"-n", m.ns, "link", "set", "lo", "up"});
    // `ip netns exec` needs a private mount namespace for /sys: check it once per machine.
    run({"netns", "exec", m.ns, "true"});
  }
  const std::string hub = lab->machines_.empty() ? std::string() : lab->machines_[0].ns;
  for (std::size_t i = 1; i < lab->machines_.size() && !problem; ++i) {
    Machine& m = lab->machines_[i];
    const std::string net = "10.77." + std::to_string(i) + ".";
    m.hub_if = "pg" + tag + "h" + std::to_string(i);
    const std::string far_if = "pg" + tag + "m" + std::to_string(i);
    m.address = net + "2";
    // Created directly inside the namespaces: nothing ever appears in the host's.
    run({"link", "add", m.hub_if, "netns", hub, "type", "veth", "peer", "name", far_if, "netns", m.ns});
    run({"-n", hub, "addr", "add", net + "1/24", "dev", m.hub_if});
    run({"-n", m.ns, "addr", "add", m.address + "/24", "dev", far_if});
    run({"-n", hub, "link", "set", m.hub_if, "up"});
    run({"-n", m.ns, "link", "set", far_if, "up"});
    if (i == 1) lab->machines_[0].address = net + "1";
  }
  if (!problem && lab->machines_.size() < 2) problem = "a lab needs a hub and at least one more machine";
  if (problem) {
    WARN("SKIPPED: network namespaces are not available here (" << *problem
         << "). The multi-host tests need root with CAP_NET_ADMIN and CAP_SYS_ADMIN (ip netns add/exec); "
            "run them on a host or a privileged container.");
    return nullptr;
  }
  return lab;
}

NetLab::~NetLab() {
  // Deleting a namespace deletes the veths in it and, with them, their peers.
  for (auto it = machines_.rbegin(); it != machines_.rend(); ++it) ip_command({"netns", "del", it->ns});
}

const NetLab::Machine& NetLab::find(const std::string& name) const {
  for (const auto& m : machines_)
    if (m.name == name) return m;
  FAIL("no machine " << name << " in this lab");
  return machines_.front();
}

std::string NetLab::address(const std::string& machine) const { return find(machine).address; }

std::vector<std::string> NetLab::exec(const std::string& machine) const {
  return {ip_binary().string(), "netns", "exec", find(machine).ns};
}

void NetLab::set_link(const std::string& machine, bool up) const {
  const Machine& m = find(machine);
  REQUIRE(!m.hub_if.empty());
  const auto problem = ip_command({"-n", machines_.front().ns, "link", "set", m.hub_if, up ? "up" : "down"});
  INFO(problem.value_or(""));
  REQUIRE(!problem);
}

}  // namespace proofgrid::test
