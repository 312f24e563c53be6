#include "tests/integration/cluster/cluster_harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "node/config/identity.hpp"

namespace proofgrid::test {
namespace {

bool port_free(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

std::uint16_t free_ports(unsigned count) {
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> pick(20000, 32000 - static_cast<int>(count));
  for (int attempt = 0; attempt < 200; ++attempt) {
    const auto base = static_cast<std::uint16_t>(pick(rng));
    bool all = true;
    for (unsigned i = 0; i < count && all; ++i) all = port_free(static_cast<std::uint16_t>(base + i));
    if (all) return base;
  }
  FAIL("no run of " << count << " free ports between 20000 and 32000");
  return 0;
}

std::string ClusterConfig::address(unsigned slot) const {
  const std::string host = slot < hosts.size() ? hosts[slot] : "127.0.0.1";
  return "/ip4/" + host + "/tcp/" + std::to_string(base_port + slot);
}

std::filesystem::path ClusterConfig::write(const TempDir& dir, const std::string& sub) {
  const auto cfg_dir = dir / sub;
  std::filesystem::create_directories(cfg_dir);
  if (base_port == 0) base_port = free_ports(workers);
  std::string fp = fingerprint ? *fingerprint : config::load_or_generate_identity(cfg_dir).identity.fingerprint();
  std::ostringstream y;
  y << "engine:\n";
  if (explicit_list) {
    y << "  dataWorkerMultiaddrs:\n";
    for (unsigned i = 0; i < workers; ++i) y << "    - " << address(i) << "\n";
  } else {
    y << "  dataWorkerCount: " << workers << "\n  dataWorkerBaseListenPort: " << base_port << "\n";
  }
  y << "  difficulty: " << difficulty << "\n";
  y << "  controlKeyFingerprint: \"" << fp << "\"\n";
  y << "  srsPath: " << (srs.empty() ? shared_dir() / "srs" / "quilibrium-ceremony-excerpt-n256.json" : srs).string()
    << "\n";
  if (!prove_timeout.empty()) y << "  proveTimeout: " << prove_timeout << "\n";
  y << extra;
  dir.write(std::filesystem::path(sub) / "config.yml", y.str());
  return cfg_dir;
}

Proc::Proc(std::vector<std::string> args, std::filesystem::path log, std::map<std::string, std::string> env,
           std::vector<std::string> wrapper)
    : log_(std::move(log)) {
  std::vector<std::string> argv_s = std::move(wrapper);
  argv_s.push_back(proofgrid_binary().string());
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    if (fd < 0) ::_exit(126);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
}

Proc::~Proc() {
  const auto workers = announced_workers();
  if (!status_) {
    ::kill(pid_, SIGKILL);
    wait_exit(5s);
  }
  for (pid_t w : workers) ::kill(w, SIGKILL);
}

std::string Proc::output() const {
  std::ifstream in(log_, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t Proc::count(const std::string& text) const {
  const std::string out = output();
  std::size_t n = 0;
  for (auto at = out.find(text); at != std::string::npos; at = out.find(text, at + 1)) ++n;
  return n;
}

bool Proc::wait_until(const std::function<bool()>& pred, std::chrono::milliseconds limit) const {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;
       std::this_thread::sleep_for(50ms))
    if (pred()) return true;
  return pred();
}

bool Proc::wait_for(const std::string& text, std::chrono::milliseconds limit) const {
  return wait_until([&] { return has(text); }, limit);
}

void Proc::signal(int sig) const { ::kill(pid_, sig); }

std::optional<int> Proc::wait_exit(std::chrono::milliseconds limit) {
  if (status_) return status_;
  for (auto end = std::chrono::steady_clock::now() + limit;;) {
    int st = 0;
    const pid_t r = ::waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      return status_;
    }
    if (std::chrono::steady_clock::now() >= end) return std::nullopt;
    std::this_thread::sleep_for(20ms);
  }
}

bool Proc::running() { return !wait_exit(0ms); }

std::vector<pid_t> Proc::announced_workers() const {
  static const std::regex re("started worker pid ([0-9]+)");
  std::vector<pid_t> pids;
  const std::string out = output();
  for (std::sregex_iterator it(out.begin(), out.end(), re), end; it != end; ++it)
    pids.push_back(static_cast<pid_t>(std::stol((*it)[1])));
  return pids;
}

LocalCluster::LocalCluster(ClusterConfig config, std::map<std::string, std::string> env) : cfg(std::move(config)) {
  cfg_dir = cfg.write(dir);
  control = std::make_unique<Proc>(std::vector<std::string>{"--config", cfg_dir.string()}, dir / "control.log",
                                   std::move(env));
}

bool LocalCluster::rounds(std::size_t n, std::chrono::milliseconds limit) const {
  return control->wait_until([&] { return round_lines(control->output()).size() >= n; }, limit);
}

ManualCluster::ManualCluster(unsigned n, std::uint64_t difficulty) {
  cfg.workers = n;
  cfg.explicit_list = true;
  cfg.difficulty = difficulty;
  cfg_dir = cfg.write(dir);
  for (unsigned core = 1; core <= n; ++core) start_worker(core);
}

Proc& ManualCluster::start_worker(unsigned core) {
  workers.push_back(std::make_unique<Proc>(
      std::vector<std::string>{"--config", cfg_dir.string(), "--core", std::to_string(core)},
      dir / ("worker" + std::to_string(core) + "-" + std::to_string(workers.size()) + ".log")));
  return *workers.back();
}

std::string ManualCluster::label(unsigned core) const {
  return "slot " + std::to_string(core - 1) + " (--core " + std::to_string(core) + ") " + cfg.address(core - 1);
}

std::string http_get(std::uint16_t port, const std::string& path) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  timeval limit{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    FAIL("cannot connect to 127.0.0.1:" << port);
  }
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  INFO(answer);
  REQUIRE(answer.rfind("HTTP/1.1 200", 0) == 0);
  const auto body = answer.find("\r\n\r\n");
  REQUIRE(body != std::string::npos);
  return answer.substr(body + 4);
}

bool pid_alive(pid_t pid) {
  if (::kill(pid, 0) != 0) return false;
  // A zombie (ended, not yet reaped by its parent) is not running.
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto close = line.rfind(')');
  return close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'Z';
}

bool all_gone(const std::vector<pid_t>& pids, std::chrono::milliseconds limit) {
  for (auto end = std::chrono::steady_clock::now() + limit;; std::this_thread::sleep_for(50ms)) {
    bool any = false;
    for (pid_t p : pids) any = any || pid_alive(p);
    if (!any) return true;
    if (std::chrono::steady_clock::now() >= end) return false;
  }
}

std::vector<std::string> round_lines(const std::string& output) {
  static const std::regex re("round [0-9]+: P=[^\n]*");
  std::vector<std::string> lines;
  for (std::sregex_iterator it(output.begin(), output.end(), re), end; it != end; ++it) lines.push_back(it->str());
  return lines;
}

ProcessResult run_tool(const std::vector<std::string>& args, std::chrono::seconds limit) {
  return run_proofgrid(args, limit);
}

}  // namespace proofgrid::test
