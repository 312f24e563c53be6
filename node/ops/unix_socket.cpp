#include "node/ops/unix_socket.hpp"

#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "node/ops/admin_socket.hpp"

namespace proofgrid::ops {

sockaddr_un unix_address(const std::filesystem::path& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string text = path.string();
  if (text.size() >= sizeof addr.sun_path)
    throw AdminError("the admin socket path " + text + " is " + std::to_string(text.size()) +
                     " bytes long, and Unix sockets allow " + std::to_string(sizeof addr.sun_path - 1) +
                     ": use a config directory with a shorter path");
  std::memcpy(addr.sun_path, text.c_str(), text.size() + 1);
  return addr;
}

int connect_unix(const std::filesystem::path& path) {
  sockaddr_un addr = unix_address(path);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

std::string user_name(uid_t uid) {
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) == 0 && found) return found->pw_name;
  return "uid " + std::to_string(uid);
}

}  // namespace proofgrid::ops
