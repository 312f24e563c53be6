#include "node/config/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>
#include <system_error>

namespace proofgrid::config {
namespace {

[[noreturn]] void fail(int err, const std::string& what) {
  throw std::system_error(err, std::generic_category(), what);
}

void fsync_dir(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the file itself is already durable
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           mode_t mode, WriteMode how) {
  auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  // Unique per process and per call: threads and processes may create the same file at once.
  static std::atomic<unsigned> counter{0};
  auto tmp = dir / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                    std::to_string(counter.fetch_add(1)));
  // O_EXCL with the final mode: the secret is never readable by others, not even briefly.
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) fail(errno, "cannot create " + tmp.string());
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      fail(err, "cannot write " + tmp.string());
    }
    done += static_cast<std::size_t>(n);
  }
  // The umask may have narrowed `mode`; set exactly what was asked.
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    fail(err, "cannot sync " + tmp.string());
  }
  ::close(fd);

  if (how == WriteMode::replace) {
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      fail(err, "cannot move " + tmp.string() + " to " + path.string());
    }
  } else {
    // link() fails with EEXIST instead of replacing: exactly one creator wins.
    int rc = ::link(tmp.c_str(), path.c_str());
    int err = errno;
    ::unlink(tmp.c_str());
    if (rc != 0 && err == EEXIST) return false;
    if (rc != 0) fail(err, "cannot create " + path.string());
  }
  fsync_dir(dir);
  return true;
}

}  // namespace proofgrid::config
