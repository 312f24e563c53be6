// What the control does when workers fail: a worker that exits at once (crash loop), one
// whose backend fails its self-test, one that returns invalid proofs, one that never
// answers; and a worker that ends with the process that started it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <thread>

#include "tests/integration/cluster/cluster_harness.hpp"

using namespace proofgrid::test;

namespace {

std::string label(const ClusterConfig& cfg, unsigned core) {
  return "slot " + std::to_string(core - 1) + " (--core " + std::to_string(core) + ") " + cfg.address(core - 1);
}

// Holds 127.0.0.1:port so that a worker cannot bind it.
struct PortSquatter {
  int fd = -1;
  explicit PortSquatter(std::uint16_t port) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd, 1) == 0);
  }
  ~PortSquatter() { ::close(fd); }
};

LocalCluster faulty(unsigned workers, const std::string& fault, const std::string& prove_timeout = "") {
  return LocalCluster(ClusterConfig::of(workers, prove_timeout),
                      {{"PROOFGRID_WORKER_FAULT", fault}});
}

}  // namespace

TEST_CASE("a worker that exits at once ends in the crash-loop state, the others carry its slot",
          "[cluster][supervisor][fault]") {
  TempDir dir("pg-fault");
  ClusterConfig cfg;
  cfg.workers = 2;
  auto cfg_dir = cfg.write(dir);
  PortSquatter squat(static_cast<std::uint16_t>(cfg.base_port + 1));  // slot 1's port
  Proc control({"--config", cfg_dir.string()}, dir / "control.log");
  INFO(control.output());
  REQUIRE(control.wait_for(label(cfg, 2) + ": CRASH LOOP: the worker failed 5 times within 60 s", 45s));
  CHECK_THAT(control.output(), Catch::Contains(label(cfg, 2) + ": cannot listen on 127.0.0.1:"));
  CHECK_THAT(control.output(), Catch::Contains("exited with status 1 after"));
  CHECK_THAT(control.output(), Catch::Contains("; restarting in 0."));
  REQUIRE(control.wait_until([&] { return round_lines(control.output()).size() >= 2; }, 30s));
  CHECK_THAT(round_lines(control.output())[1], Catch::Contains("P=2"));
  CHECK_THAT(round_lines(control.output())[1], Catch::Contains("1 reassigned"));
  CHECK(control.running());
  control.signal(SIGTERM);
  CHECK(control.wait_exit(20s) == 0);
}

TEST_CASE("a worker whose self-test fails is reported and never used", "[cluster][supervisor][fault]") {
  LocalCluster c = faulty(3, "self-test@2");
  Proc& control = *c.control;
  INFO(control.output());
  REQUIRE(c.rounds(3));
  const std::string out = control.output();
  CHECK_THAT(out, Catch::Contains(label(c.cfg, 2) + ": self-test FAILED on the "));
  CHECK_THAT(out, Catch::Contains("backend failed its self-test"));
  CHECK_THAT(out, Catch::Contains("wrong output, first difference at byte 100 of 516"));
  CHECK_THAT(out, !Catch::Contains(label(c.cfg, 2) + ": ready: worker"));
  // Round 0 may also move positions of workers still starting; later rounds only slot 1's.
  const auto rounds = round_lines(out);
  for (std::size_t k = 0; k < rounds.size(); ++k) {
    INFO(rounds[k]);
    CHECK_THAT(rounds[k], Catch::Contains("P=3"));
    CHECK_THAT(rounds[k], Catch::Contains(k == 0 ? "(slot 1 to --core " : "; 1 reassigned (slot 1 to --core "));
    CHECK_THAT(rounds[k], !Catch::Contains("to --core 2"));
  }
}

TEST_CASE("invalid proofs never enter the chain: another worker recomputes them", "[cluster][fault]") {
  LocalCluster c = faulty(3, "bad-proofs@3");
  Proc& control = *c.control;
  INFO(control.output());
  REQUIRE(c.rounds(3));
  const std::string out = control.output();
  CHECK_THAT(out, Catch::Contains("round 0: slot 2's proof from " + label(c.cfg, 3) + " is INVALID"));
  CHECK_THAT(out, Catch::Contains("does not enter the chain and another worker recomputes it"));
  const auto rounds = round_lines(out);
  for (std::size_t k = 1; k < rounds.size(); ++k) {
    INFO(rounds[k]);
    CHECK_THAT(rounds[k], Catch::Contains("; 1 reassigned (slot 2 to --core "));
    CHECK_THAT(rounds[k], !Catch::Contains("to --core 3"));
  }
}

TEST_CASE("a worker that never answers is cancelled after proveTimeout and its slot reassigned",
          "[cluster][fault]") {
  LocalCluster c = faulty(2, "hang@1", "2s");
  Proc& control = *c.control;
  INFO(control.output());
  REQUIRE(c.rounds(2));
  CHECK_THAT(control.output(), Catch::Contains("round 0: " + label(c.cfg, 1) +
                                               " did not prove slot 0 within engine.proveTimeout (2 s); cancelled, reassigning"));
}

TEST_CASE("a worker with --parent-process ends when that process ends", "[cluster][worker]") {
  TempDir dir("pg-parent");
  ClusterConfig cfg;
  cfg.workers = 2;
  cfg.explicit_list = true;
  auto cfg_dir = cfg.write(dir);

  // A process that is not the worker's parent: polled.
  pid_t sleeper = ::fork();
  REQUIRE(sleeper >= 0);
  if (sleeper == 0) {
    ::execl("/bin/sleep", "sleep", "60", nullptr);
    ::_exit(127);
  }
  Proc worker({"--config", cfg_dir.string(), "--core", "1", "--parent-process", std::to_string(sleeper)},
              dir / "worker1.log");
  INFO(worker.output());
  REQUIRE(worker.wait_for("data worker ready"));
  CHECK_THAT(worker.output(), Catch::Contains("stops with parent " + std::to_string(sleeper)));
  ::kill(sleeper, SIGKILL);
  ::waitpid(sleeper, nullptr, 0);
  auto status = worker.wait_exit(10s);
  REQUIRE(status);
  CHECK(*status == 0);
  CHECK_THAT(worker.output(), Catch::Contains("stopping: the parent process " + std::to_string(sleeper) + " ended"));

  // The worker's real parent (a shell): the kernel's PR_SET_PDEATHSIG or the poll.
  const auto log = dir / "worker2.log";
  pid_t shell = ::fork();
  REQUIRE(shell >= 0);
  if (shell == 0) {
    const std::string cmd = "\"$0\" --config \"$1\" --core 2 --parent-process $$ >\"$2\" 2>&1 & wait";
    ::execl("/bin/sh", "sh", "-c", cmd.c_str(), proofgrid_binary().c_str(), cfg_dir.c_str(), log.c_str(), nullptr);
    ::_exit(127);
  }
  pid_t worker_pid = 0;
  for (int i = 0; i < 600 && worker_pid == 0; ++i) {
    std::this_thread::sleep_for(50ms);
    std::smatch m;
    const std::string text = read_file(log);
    if (std::regex_search(text, m, std::regex("data worker ready \\(pid ([0-9]+)"))) worker_pid = std::stoi(m[1]);
  }
  REQUIRE(worker_pid > 0);
  ::kill(shell, SIGKILL);
  ::waitpid(shell, nullptr, 0);
  const bool gone = all_gone({worker_pid}, 10s);
  if (!gone) ::kill(worker_pid, SIGKILL);
  CHECK(gone);
  CHECK_THAT(read_file(log), Catch::Contains("stopping:"));
}
