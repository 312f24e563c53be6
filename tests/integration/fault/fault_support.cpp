#include "tests/integration/fault/fault_support.hpp"

#include <signal.h>

#include <exception>
#include <iostream>
#include <regex>

namespace proofgrid::test {

nlohmann::json verify_clean(const std::filesystem::path& cfg_dir, std::uint64_t min_head) {
  const auto r = run_tool({"verify", "--config", cfg_dir.string(), "--json"});
  INFO("proofgrid verify --config " << cfg_dir.string() << " --json\n" << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto v = nlohmann::json::parse(r.out);
  CHECK(v["invalid"] == 0);
  CHECK(v["gaps"] == 0);
  CHECK(v["records"] == v["head"]);  // records 0 .. head-1, each present
  CHECK(v["valid"] == v["records"]);
  CHECK(v["head"].get<std::uint64_t>() >= min_head);
  return v;
}

LogOnFailure::~LogOnFailure() {
  if (std::uncaught_exceptions() > 0) std::cerr << "---- " << name_ << " log ----\n" << proc_.output() << "---- end of " << name_ << " log ----\n";
}

void stop_cleanly(Proc& control) {
  control.signal(SIGTERM);
  REQUIRE(control.wait_exit(20s) == std::optional<int>(0));
}

std::string worker_label(const std::string& control_output, pid_t pid) {
  const std::regex re("(slot [0-9]+ \\(--core [0-9]+\\) [^ :]+): (re)?started worker pid " + std::to_string(pid) + "\\b");
  std::smatch m;
  return std::regex_search(control_output, m, re) ? m[1].str() : std::string();
}

LocalWorker running_worker(const Proc& control, std::size_t index, std::size_t workers) {
  REQUIRE(wait_rounds(control, 2));
  const auto pids = control.announced_workers();
  REQUIRE(pids.size() == workers);
  LocalWorker w{pids.at(index), worker_label(control.output(), pids.at(index))};
  REQUIRE(!w.label.empty());
  return w;
}

std::size_t round_count(const Proc& control) { return round_lines(control.output()).size(); }

bool wait_rounds(const Proc& control, std::size_t n, std::chrono::milliseconds limit) {
  return control.wait_until([&] { return round_count(control) >= n; }, limit);
}

}  // namespace proofgrid::test
