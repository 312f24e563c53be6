#pragma once
// A fresh directory under the system temp dir, removed with everything in it when the
// object goes out of scope (also when a test fails).
#include <filesystem>
#include <string>
#include <string_view>

namespace proofgrid::test {

class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "proofgrid-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::filesystem::path& rel) const { return path_ / rel; }
  // Writes `content` to path()/rel (creating parent folders) and returns the full path.
  std::filesystem::path write(const std::filesystem::path& rel, std::string_view content) const;

 private:
  std::filesystem::path path_;
};

// The whole content of a file; fails with the path when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace proofgrid::test
