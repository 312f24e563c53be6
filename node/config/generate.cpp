#include "node/config/generate.hpp"

#include "node/config/config.hpp"
#include "node/config/schema.hpp"

namespace proofgrid::config {

namespace {

// "  # " + text, wrapped at about 96 columns.
std::string comment(std::string_view text) {
  std::string out, line = "  #";
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(start, end - start);
    if (line.size() + 1 + word.size() > 96 && line != "  #") {
      out += line + "\n";
      line = "  #";
    }
    line += " ";
    line += word;
    start = end + 1;
  }
  return out + line + "\n";
}

}  // namespace

std::string fresh_config_text(const FreshConfig& options) {
  std::string out =
      "# proofgrid node configuration. docs/configuration.md explains every key.\n"
      "# A cluster: list one address per worker slot in engine.dataWorkerMultiaddrs, then copy\n"
      "# this file (never keys.yml) to every worker machine and start `proofgrid --core N` there.\n";
  for (auto section : section_names()) {
    out += std::string(section) + ":\n";
    for (const auto& key : key_table()) {
      if (key.section != section) continue;
      std::string text = std::string(key.summary) + ". Default: " + std::string(key.default_doc) + ".";
      if (key.name == "dataWorkerCount")
        text += " On this machine: " + std::to_string(default_worker_count(options.hardware_threads)) + ".";
      out += comment(text);
      std::string value(key.fresh);
      if (key.name == "difficulty" && options.difficulty) value = std::to_string(*options.difficulty);
      if (key.name == "controlKeyFingerprint" && options.control_key_fingerprint)
        value = "\"" + *options.control_key_fingerprint + "\"";
      if (value.empty())
        out += "  # " + std::string(key.name) + ": " + std::string(key.example) + "\n";
      else
        out += "  " + std::string(key.name) + ": " + value + "\n";
    }
  }
  return out;
}

}  // namespace proofgrid::config
