#include "node/control/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

extern char** environ;

namespace proofgrid::control {
namespace {

void check(int rc, const char* what) {
  if (rc != 0) throw std::system_error(rc, std::generic_category(), what);
}

// Owns posix_spawn's two attribute objects for the length of one spawn.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnSetup() {
    check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init");
    if (int rc = posix_spawnattr_init(&attr); rc != 0) {
      posix_spawn_file_actions_destroy(&actions);
      check(rc, "posix_spawnattr_init");
    }
  }
  ~SpawnSetup() {
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// The child's environment: ours, with PROOFGRID_READY_FD naming fd 3.
std::vector<std::string> child_environment() {
  const std::string prefix = std::string(kReadyFdVariable) + "=";
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).substr(0, prefix.size()) != prefix) env.emplace_back(*e);
  env.push_back(prefix + "3");
  return env;
}

void make_pipe(int fds[2]) {
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::system_error(errno, std::generic_category(), "cannot create a pipe for a worker");
}

}  // namespace

SpawnedChild spawn_child(const std::filesystem::path& program, const std::vector<std::string>& args) {
  int fds[2], ready[2];
  make_pipe(fds);
  try {
    make_pipe(ready);
  } catch (...) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw;
  }
  SpawnedChild child;
  try {
    SpawnSetup s;
    // dup2 clears close-on-exec on the copies; the originals close at exec.
    check(posix_spawn_file_actions_adddup2(&s.actions, fds[1], STDOUT_FILENO), "posix_spawn dup2");
    check(posix_spawn_file_actions_adddup2(&s.actions, fds[1], STDERR_FILENO), "posix_spawn dup2");
    check(posix_spawn_file_actions_adddup2(&s.actions, ready[1], 3), "posix_spawn dup2");
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int sig : {SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGHUP}) sigaddset(&defaults, sig);
    check(posix_spawnattr_setsigmask(&s.attr, &none), "posix_spawnattr_setsigmask");
    check(posix_spawnattr_setsigdefault(&s.attr, &defaults), "posix_spawnattr_setsigdefault");
    check(posix_spawnattr_setpgroup(&s.attr, 0), "posix_spawnattr_setpgroup");
    check(posix_spawnattr_setflags(&s.attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP),
          "posix_spawnattr_setflags");
    std::vector<std::string> argv_s{program.string()};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_s = child_environment();
    std::vector<char*> envp;
    for (auto& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    // glibc reports exec failures (missing binary, no permission) as the return value.
    if (int rc = posix_spawn(&child.pid, argv[0], &s.actions, &s.attr, argv.data(), envp.data()); rc != 0)
      throw std::system_error(rc, std::generic_category(), "cannot start " + program.string());
  } catch (...) {
    for (int fd : {fds[0], fds[1], ready[0], ready[1]}) ::close(fd);
    throw;
  }
  ::close(fds[1]);
  ::close(ready[1]);
  for (int fd : {fds[0], ready[0]}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  child.output_fd = fds[0];
  child.ready_fd = ready[0];
  return child;
}

void notify_ready() {
  const char* value = std::getenv(kReadyFdVariable);
  if (!value) return;
  const int fd = std::atoi(value);
  ::unsetenv(kReadyFdVariable);
  if (fd <= 2) return;
  const char msg[] = "ready\n";
  [[maybe_unused]] ssize_t n = ::write(fd, msg, sizeof msg - 1);
  ::close(fd);
}

std::string describe_exit(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = ::strsignal(sig);
    return "killed by signal " + std::to_string(sig) + (name ? std::string(" (") + name + ")" : "");
  }
  return "ended (wait status " + std::to_string(status) + ")";
}

std::vector<std::string> LineBuffer::feed(std::string_view data) {
  pending_.append(data);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = pending_.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.emplace_back(pending_, start, nl - start);
  pending_.erase(0, start);
  return lines;
}

std::string LineBuffer::rest() {
  std::string out;
  out.swap(pending_);
  return out;
}

}  // namespace proofgrid::control
