#pragma once
// Files that must never be seen half-written (keys.yml, a generated config.yml): written to
// a temporary file beside the target, fsync'd, then moved into place in one step.
#include <sys/types.h>

#include <filesystem>
#include <string_view>

namespace proofgrid::config {

enum class WriteMode {
  create_new,  // fail (return false) when the file exists: two processes never both win
  replace,     // atomically replace whatever is there
};

// Writes `content` with permission bits `mode` (e.g. 0600). Returns false only for
// create_new when the file already exists. Throws std::system_error on I/O errors, naming
// the path.
bool write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           mode_t mode, WriteMode how);

}  // namespace proofgrid::config
