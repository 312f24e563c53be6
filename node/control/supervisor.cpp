#include "node/control/supervisor.hpp"

#include <poll.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <iostream>
#include <random>
#include <system_error>

#include <spdlog/spdlog.h>

#include "transport/peer_label.hpp"

namespace proofgrid::control {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

double seconds(milliseconds d) { return static_cast<double>(d.count()) / 1000.0; }

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

Supervisor::Supervisor(std::vector<config::Slot> slots, SupervisorOptions options, ClusterState& state)
    : options_(std::move(options)),
      state_(state),
      log_(options_.logger ? options_.logger : spdlog::default_logger()) {
  std::random_device seed;
  for (auto& slot : slots) {
    std::string label = transport::PeerLabel{static_cast<std::uint32_t>(slot.index), slot.core,
                                             slot.address.text()}.text();
    workers_.push_back(std::make_unique<Worker>(
        Worker{std::move(slot), std::move(label), RestartTracker(options_.policy, seed()), {}, -1, -1, {}, {}, {}, false}));
  }
}

Supervisor::~Supervisor() { stop(); }

std::vector<std::string> Supervisor::worker_args(const config::Slot& slot) const {
  std::vector<std::string> args{"--config", options_.config_dir.string(), "--core", std::to_string(slot.core),
                                "--parent-process", std::to_string(::getpid())};
  if (options_.backend) {
    args.push_back("--backend");
    args.push_back(*options_.backend);
  }
  return args;
}

void Supervisor::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

std::size_t Supervisor::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  return killed_;
}

void Supervisor::run() {
  const auto first = std::chrono::steady_clock::now();
  for (auto& w : workers_) spawn(*w, first);
  while (!stopping_) {
    pump_output(100);
    const auto now = std::chrono::steady_clock::now();
    for (auto& w : workers_) {
      if (w->pid) {
        reap(*w, now);
        if (w->pid && w->restarts.on_uptime(duration_cast<milliseconds>(now - w->started))) {
          state_.process_stable(w->slot.index);
          log_->info("{}: worker pid {} has run for {:.0f} s: out of the crash loop", w->label, *w->pid,
                     seconds(options_.policy.stable_after));
        }
      } else if (now >= w->next_spawn) {
        spawn(*w, now);
      }
    }
  }
  terminate_all();
}

void Supervisor::spawn(Worker& w, TimePoint now) {
  try {
    SpawnedChild child = spawn_child(options_.executable, worker_args(w.slot));
    // Best effort: a worker at the control's priority still works, only the control may lag.
    if (options_.worker_nice != 0)
      ::setpriority(PRIO_PROCESS, static_cast<id_t>(child.pid), ::getpriority(PRIO_PROCESS, 0) + options_.worker_nice);
    w.pid = child.pid;
    w.output_fd = child.output_fd;
    w.ready_fd = child.ready_fd;
    w.started = now;
    state_.process_started(w.slot.index, child.pid, w.spawned_once);
    log_->info("{}: {} worker pid {}", w.label, w.spawned_once ? "restarted" : "started", child.pid);
    w.spawned_once = true;
  } catch (const std::system_error& e) {
    failed(w, now, std::string("could not be started: ") + e.what(), milliseconds(0));
  }
}

void Supervisor::failed(Worker& w, TimePoint now, const std::string& why, milliseconds uptime) {
  if (stopping_) {
    state_.process_ended(w.slot.index, why, false);
    log_->info("{}: worker {}", w.label, why);
    return;
  }
  const auto d = w.restarts.on_failure(now, uptime);
  w.next_spawn = now + d.delay;
  state_.process_ended(w.slot.index, why, d.crash_loop);
  const auto window = duration_cast<std::chrono::seconds>(options_.policy.crash_loop_window).count();
  if (d.entered_crash_loop) {
    log_->error("{}: CRASH LOOP: the worker failed {} times within {} s (last: {}); still retrying, "
                "at most every {:.0f} s. Its own last lines above say why",
                w.label, d.recent_failures, window, why, seconds(options_.policy.backoff_max));
  } else {
    log_->warn("{}: worker {}; restarting in {:.1f} s ({} failure{} in the last {} s{})", w.label, why,
               seconds(d.delay), d.recent_failures, d.recent_failures == 1 ? "" : "s", window,
               d.crash_loop ? ", crash loop" : "");
  }
}

void Supervisor::reap(Worker& w, TimePoint now) {
  int status = 0;
  const pid_t r = ::waitpid(*w.pid, &status, WNOHANG);
  if (r == 0 || (r < 0 && errno == EINTR)) return;
  const pid_t pid = *w.pid;
  w.pid.reset();
  drain(w);
  close_output(w);
  close_fd(w.ready_fd);
  const auto uptime = duration_cast<milliseconds>(now - w.started);
  const std::string how = r == pid ? describe_exit(status) : "vanished (waitpid: " + std::string(::strerror(errno)) + ")";
  char up[32];
  std::snprintf(up, sizeof up, "%.1f", seconds(uptime));
  failed(w, now, "pid " + std::to_string(pid) + " " + how + " after " + up + " s", uptime);
}

void Supervisor::drain(Worker& w) {
  if (w.output_fd < 0) return;
  std::array<char, 65536> buf{};
  for (;;) {
    const ssize_t n = ::read(w.output_fd, buf.data(), buf.size());
    if (n > 0) {
      for (auto& line : w.output.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)))) {
        if (options_.on_output) options_.on_output(line);
        else std::cerr << line << '\n';
      }
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) close_output(w);  // the worker closed its end
    return;                       // EAGAIN: nothing more for now
  }
}

void Supervisor::read_ready(Worker& w) {
  char buf[16];
  const ssize_t n = ::read(w.ready_fd, buf, sizeof buf);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  close_fd(w.ready_fd);
  if (n > 0 && options_.on_ready && !stopping_) options_.on_ready(w.slot.index);
}

void Supervisor::close_output(Worker& w) {
  if (w.output_fd < 0) return;
  if (auto rest = w.output.rest(); !rest.empty()) {
    if (options_.on_output) options_.on_output(rest);
    else std::cerr << rest << '\n';
  }
  close_fd(w.output_fd);
}

void Supervisor::pump_output(int timeout_ms) {
  std::vector<pollfd> fds;
  std::vector<Worker*> owners;
  for (auto& w : workers_) {
    for (int fd : {w->output_fd, w->ready_fd}) {
      if (fd < 0) continue;
      fds.push_back(pollfd{fd, POLLIN, 0});
      owners.push_back(w.get());
    }
  }
  if (fds.empty()) {
    ::usleep(static_cast<useconds_t>(timeout_ms) * 1000);
    return;
  }
  if (::poll(fds.data(), fds.size(), timeout_ms) <= 0) return;
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (fds[i].revents == 0) continue;
    if (fds[i].fd == owners[i]->ready_fd) read_ready(*owners[i]);
    else if (fds[i].fd == owners[i]->output_fd) drain(*owners[i]);
  }
}

void Supervisor::terminate_all() {
  state_.processes_stopping();
  for (auto& w : workers_)
    if (w->pid) ::kill(*w->pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + options_.stop_grace;
  auto alive = [&] {
    for (auto& w : workers_)
      if (w->pid) return true;
    return false;
  };
  while (alive() && std::chrono::steady_clock::now() < deadline) {
    pump_output(50);
    const auto now = std::chrono::steady_clock::now();
    for (auto& w : workers_)
      if (w->pid) reap(*w, now);
  }
  for (auto& w : workers_) {
    if (!w->pid) continue;
    log_->warn("{}: worker pid {} did not stop within {:.1f} s of SIGTERM; killing it", w->label, *w->pid,
               seconds(options_.stop_grace));
    ::kill(*w->pid, SIGKILL);
    int status = 0;
    while (::waitpid(*w->pid, &status, 0) < 0 && errno == EINTR) {
    }
    state_.process_ended(w->slot.index, "pid " + std::to_string(*w->pid) + " killed after ignoring SIGTERM", false);
    w->pid.reset();
    ++killed_;
    drain(*w);
    close_output(*w);
    close_fd(w->ready_fd);
  }
}

}  // namespace proofgrid::control
