#pragma once
// Reading typed values out of yaml-cpp nodes with positions: every failure becomes a
// Diagnostic naming file:line:column, the key path and what the key expects.
// Internal to node/config (the rest of the node never sees yaml-cpp).
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "node/config/config.hpp"
#include "node/config/diagnostic.hpp"

namespace proofgrid::config {

// Collects the diagnostics of one file.
class Reporter {
 public:
  explicit Reporter(std::string file) : file_(std::move(file)) {}
  void error(const YAML::Mark& mark, std::string key, std::string message);
  void warning(const YAML::Mark& mark, std::string key, std::string message);
  // An error about a value that was already read (cross-key checks after parsing).
  void error(const Origin& at, std::string key, std::string message);
  bool has_errors() const { return !errors_.empty(); }
  const std::string& file() const { return file_; }
  std::vector<Diagnostic>& errors() { return errors_; }
  std::vector<Diagnostic>& warnings() { return warnings_; }

 private:
  std::string file_;
  std::vector<Diagnostic> errors_;
  std::vector<Diagnostic> warnings_;
};

// Origin of a value in the file (1-based), falling back to its key when the value has no
// position of its own (an empty value).
Origin origin_of(const YAML::Node& value, const YAML::Mark& key_mark);

// One key's value: the node, its dotted path, the text the key expects, and the reporter.
class ValueReader {
 public:
  ValueReader(YAML::Node node, YAML::Mark key_mark, std::string path, std::string expected,
              Reporter& reporter)
      : node_(std::move(node)), key_mark_(key_mark), path_(std::move(path)),
        expected_(std::move(expected)), reporter_(reporter) {}

  const std::string& path() const { return path_; }
  Origin origin() const { return origin_of(node_, key_mark_); }
  bool is_null() const { return node_.IsNull(); }
  bool is_sequence() const { return node_.IsSequence(); }

  // Reports "PATH: expected EXPECTED, got …" with an optional reason, at this value.
  void fail(std::string_view reason = {}) const;
  // Reports "PATH: MESSAGE" at this value.
  void report(std::string message) const;
  // The scalar text, or nullopt after reporting that a list/mapping/nothing was given.
  std::optional<std::string> scalar() const;
  // A plain decimal in [min, max].
  std::optional<std::uint64_t> integer(std::uint64_t min, std::uint64_t max) const;
  std::optional<bool> boolean() const;
  // The elements of a sequence as readers named PATH[i] expecting `element_expected`;
  // reports and returns nullopt when the value is not a sequence. No value is an empty list.
  std::optional<std::vector<ValueReader>> elements(std::string_view element_expected) const;

  Reporter& reporter() const { return reporter_; }

 private:
  std::string describe_value() const;
  YAML::Node node_;
  YAML::Mark key_mark_;
  std::string path_;
  std::string expected_;
  Reporter& reporter_;
};

}  // namespace proofgrid::config
