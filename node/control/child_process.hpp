#pragma once
// Starting a local data worker: posix_spawn of this binary with its stdout and stderr on one
// pipe (the supervisor forwards the lines), and a second pipe on which the worker says
// "ready" once it listens (its fd number is in PROOFGRID_READY_FD), so the control connects
// only then instead of logging refused connections while the worker runs its self-test. The
// child gets a process group of its own (a Ctrl-C on the terminal reaches the control
// process only, which then stops its workers in order), default signal dispositions and an
// empty signal mask.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace proofgrid::control {

inline constexpr const char* kReadyFdVariable = "PROOFGRID_READY_FD";

struct SpawnedChild {
  pid_t pid = -1;
  int output_fd = -1;  // read end of the child's stdout+stderr, non-blocking, close-on-exec
  int ready_fd = -1;   // read end of the readiness pipe, non-blocking, close-on-exec
};

// Throws std::system_error naming the program when the spawn fails (fork or exec error).
SpawnedChild spawn_child(const std::filesystem::path& program, const std::vector<std::string>& args);

// In the worker: tells the control that started it (if any) that it listens now.
void notify_ready();

// "exited with status 1", "killed by signal 9 (Killed)" for a waitpid status.
std::string describe_exit(int status);

// Splits what arrives on a pipe into whole lines.
class LineBuffer {
 public:
  // Appends `data` and returns the lines it completed (without their newline).
  std::vector<std::string> feed(std::string_view data);
  // What is left after the writer closed, if anything.
  std::string rest();

 private:
  std::string pending_;
};

}  // namespace proofgrid::control
