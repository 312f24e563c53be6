#pragma once
// Small POSIX pieces the admin socket's server and client share (internal to node/ops).
#include <sys/types.h>
#include <sys/un.h>

#include <filesystem>
#include <string>

namespace proofgrid::ops {

// The sockaddr_un of `path`; throws AdminError when the path does not fit (107 bytes).
sockaddr_un unix_address(const std::filesystem::path& path);

// A connected AF_UNIX stream socket (close-on-exec), or -1 with errno set.
int connect_unix(const std::filesystem::path& path);

// "proofgrid", or "uid 1001" when the user has no name.
std::string user_name(uid_t uid);

}  // namespace proofgrid::ops
