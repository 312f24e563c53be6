#pragma once
// What the config layer tells operators: every error and warning names file:line:column,
// the key path, and what was expected, so it can be fixed without reading the code.
#include <stdexcept>
#include <string>
#include <vector>

namespace proofgrid::config {

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;  // empty when not about a file (command-line values)
  int line = 0;      // 1-based; 0 when there is no position
  int column = 0;    // 1-based
  std::string key;   // dotted key path ("engine.dataWorkerMultiaddrs[3]"), may be empty
  std::string message;

  // "FILE:LINE:COLUMN: error: MESSAGE" (position parts left out when unknown).
  std::string to_string() const;
};

// Thrown when a config (or keys.yml) cannot be used; holds every error found, in file order,
// and the warnings collected before the failure.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// One message per line, errors and warnings in the order given.
std::string join_diagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace proofgrid::config
