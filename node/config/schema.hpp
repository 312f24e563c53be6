#pragma once
// The known keys of config.yml, as one table: the parser applies values through it, unknown
// keys get their suggestions from it, `config init` writes a fresh file from it and
// docs/configuration.md documents the same list (a test keeps the two in step).
#include <span>
#include <string>
#include <string_view>

#include "node/config/config.hpp"

namespace proofgrid::config {

class ValueReader;

struct KeySpec {
  std::string_view section;      // "engine"
  std::string_view name;         // "dataWorkerMultiaddrs"
  std::string_view expected;     // what a valid value looks like, for error messages
  std::string_view default_doc;  // the default, in words
  std::string_view summary;      // what the key does, one line (comment in a fresh file)
  std::string_view fresh;        // value written in a fresh config.yml; empty: commented out
  std::string_view example;      // the commented-out example when `fresh` is empty
  void (*apply)(const ValueReader& value, Config& out);

  std::string path() const { return std::string(section) + "." + std::string(name); }
};

std::span<const KeySpec> key_table();
std::span<const std::string_view> section_names();
const KeySpec* find_key(std::string_view section, std::string_view name);

}  // namespace proofgrid::config
