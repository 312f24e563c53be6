// The client side of the admin socket (admin_socket.hpp): what `proofgrid status`, `worker
// pause|resume`, `reload` and `report` use. Synchronous, with one deadline for the whole request.
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "node/ops/admin_socket.hpp"
#include "node/ops/unix_socket.hpp"

namespace proofgrid::ops {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string connect_error(const std::filesystem::path& dir, const std::filesystem::path& path, int err) {
  if (err == ENOENT || err == ECONNREFUSED)
    return "no control process is listening on " + path.string() + " — is proofgrid running with --config " +
           dir.string() + "?";
  if (err == EACCES || err == EPERM) {
    struct stat st {};
    std::string owner = ::stat(path.c_str(), &st) == 0 ? user_name(st.st_uid) : "the control process's user";
    return "permission denied on " + path.string() + ": the admin socket belongs to " + owner +
           ", the user the control process runs as; run this command as that user (e.g. sudo -u " + owner +
           " proofgrid … --config " + dir.string() + ")";
  }
  return "cannot connect to " + path.string() + ": " + std::strerror(err);
}

// Waits until `fd` is ready for `events` or the deadline passes.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, static_cast<int>(left));
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return false;
  }
}

}  // namespace

json admin_request(const std::filesystem::path& config_dir, std::string_view command, const json& args,
                   std::chrono::milliseconds timeout) {
  const auto path = admin_socket_path(config_dir);
  const auto deadline = Clock::now() + timeout;
  const std::string late = "the control process at " + path.string() + " did not answer \"" + std::string(command) +
                           "\" within " + std::to_string(timeout.count()) + " ms; it may be busy or stuck (check its log)";
  Fd fd(connect_unix(path));
  if (fd.get() < 0) throw AdminError(connect_error(config_dir, path, errno));

  std::string out = json{{"command", command}, {"args", args}}.dump() + "\n";
  for (std::size_t sent = 0; sent < out.size();) {
    if (!wait_for(fd.get(), POLLOUT, deadline)) throw AdminError(late);
    ssize_t n = ::send(fd.get(), out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno != EINTR && errno != EAGAIN)
      throw AdminError("the control process at " + path.string() + " closed the connection: " + std::strerror(errno));
    if (n > 0) sent += static_cast<std::size_t>(n);
  }
  std::string in;
  while (in.find('\n') == std::string::npos) {
    if (!wait_for(fd.get(), POLLIN, deadline)) throw AdminError(late);
    char buf[4096];
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n == 0) throw AdminError("the control process at " + path.string() + " closed the connection without an answer");
    if (n < 0 && errno != EINTR) throw AdminError("reading from " + path.string() + ": " + std::strerror(errno));
    if (n > 0) in.append(buf, static_cast<std::size_t>(n));
  }
  json answer = json::parse(in.substr(0, in.find('\n')), nullptr, false);
  if (answer.is_discarded() || !answer.is_object() || !answer.contains("ok"))
    throw AdminError("the process at " + path.string() + " answered something that is not an admin response");
  if (answer["ok"] != true) throw AdminError(answer.value("error", std::string("the control process reported an error")));
  return answer.value("result", json());
}

}  // namespace proofgrid::ops
