#include "node/config/loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include "node/config/schema.hpp"
#include "node/config/suggest.hpp"
#include "node/config/yaml_reader.hpp"

namespace proofgrid::config {
namespace {

constexpr std::string_view kDefaultSrs = "srs/quilibrium-ceremony-excerpt-n256.json";

// The seed tutorial elides the rest of a config with lines holding only "..." or "....".
// Operators paste those snippets as they are, so such a line is blanked (keeping the line
// numbers) and reported as a warning. "..." alone at column 1 is YAML's end-of-document
// marker and is left to the parser.
bool is_ellipsis_line(std::string_view line, std::size_t& indent, std::size_t& dots) {
  indent = line.find_first_not_of(" \t");
  if (indent == std::string_view::npos) return false;
  dots = 0;
  while (indent + dots < line.size() && line[indent + dots] == '.') ++dots;
  if (dots < 3) return false;
  std::string_view rest = line.substr(indent + dots);
  std::size_t after = rest.find_first_not_of(" \t\r");
  if (after != std::string_view::npos && rest[after] != '#') return false;
  return !(indent == 0 && dots == 3);
}

std::string blank_ellipsis_lines(std::string_view text, Reporter& reporter) {
  std::string out;
  int line_no = 0;
  while (true) {
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    std::size_t indent = 0, dots = 0;
    if (is_ellipsis_line(line, indent, dots)) {
      YAML::Mark mark;
      mark.line = line_no;
      mark.column = static_cast<int>(indent);
      reporter.warning(mark, "",
                       "a line holding only \"" + std::string(dots, '.') +
                           "\" is read as the tutorial's ellipsis for lines left out and is "
                           "ignored; delete it");
    } else {
      out += line;
    }
    if (eol == std::string_view::npos) return out;
    out += '\n';
    text.remove_prefix(eol + 1);
    ++line_no;
  }
}

std::string unknown_key_message(std::string_view section, std::string_view name) {
  std::string path = section.empty() ? std::string(name) : std::string(section) + "." + std::string(name);
  std::vector<std::string_view> names;
  std::vector<std::string> paths;
  for (const auto& k : key_table()) {
    names.push_back(k.name);
    paths.push_back(k.path());
  }
  if (section.empty()) {  // a section name, or a key that lost its section
    for (auto s : section_names()) {
      names.push_back(s);
      paths.emplace_back(s);
    }
  }
  // Prefer keys of the same section: misspelt keys usually stay where they were.
  std::vector<std::string_view> same;
  std::vector<std::size_t> same_index;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (paths[i].rfind(std::string(section) + ".", 0) == 0) {
      same.push_back(names[i]);
      same_index.push_back(i);
    }
  std::optional<std::size_t> hit;
  if (auto m = closest_match(name, same)) hit = same_index[*m];
  if (!hit) hit = closest_match(name, names);
  std::string msg = "unknown key " + path;
  if (hit) return msg + " — did you mean " + paths[*hit] + "?";
  if (section.empty()) return msg + " — config.yml has the sections engine:, metrics: and store:";
  msg += " — the keys under " + std::string(section) + ": are";
  for (std::size_t i = 0; i < same.size(); ++i) msg += (i ? ", " : " ") + std::string(same[i]);
  return msg + " (docs/configuration.md explains each)";
}

// Walks one mapping: duplicate and unknown keys are errors; known keys are applied.
void read_section(const YAML::Node& map, std::string_view section, Config& cfg, Reporter& r) {
  std::vector<std::pair<std::string, int>> seen;  // name, line
  for (const auto& entry : map) {
    // Copies: yaml-cpp nodes are handles, and the pair behind an iterator is a temporary.
    const YAML::Node key = entry.first;
    const YAML::Node value = entry.second;
    if (!key.IsScalar()) {
      r.error(key.Mark(), std::string(section),
              "keys must be plain names, not lists or mappings (under " +
                  std::string(section.empty() ? "the top level" : section) + ")");
      continue;
    }
    const std::string& name = key.Scalar();
    std::string path = section.empty() ? name : std::string(section) + "." + name;
    int line = key.Mark().line + 1;
    auto dup = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == name; });
    if (dup != seen.end()) {
      r.error(key.Mark(), path, "duplicate key " + path + ": line " + std::to_string(dup->second) +
                                    " already sets it; delete one of the two");
      continue;
    }
    seen.emplace_back(name, line);

    if (section.empty()) {
      bool known = std::find(section_names().begin(), section_names().end(), name) != section_names().end();
      if (!known) {
        r.error(key.Mark(), path, unknown_key_message("", name));
      } else if (value.IsMap()) {
        read_section(value, name, cfg, r);
      } else if (!value.IsNull()) {
        ValueReader(value, key.Mark(), path, "a mapping of keys (\"" + name + ":\" then indented \"key: value\" lines)", r).fail();
      }
      continue;
    }
    const KeySpec* spec = find_key(section, name);
    if (!spec) {
      r.error(key.Mark(), path, unknown_key_message(section, name));
      continue;
    }
    spec->apply(ValueReader(value, key.Mark(), path, std::string(spec->expected), r), cfg);
  }
}

// Defaults that depend on the machine or on other keys, and the checks across keys.
void derive_and_check(Config& cfg, const Environment& env, Reporter& r) {
  auto& e = cfg.engine;
  const auto& list = e.data_worker_multiaddrs.value;
  if (!list.empty()) {
    if (e.data_worker_count.from_file() && e.data_worker_count.value != list.size())
      r.error(e.data_worker_count.origin, "engine.dataWorkerCount",
              "engine.dataWorkerCount: " + std::to_string(e.data_worker_count.value) +
                  " disagrees with the " + std::to_string(list.size()) +
                  " addresses in engine.dataWorkerMultiaddrs (one worker per address); remove "
                  "dataWorkerCount or make them agree");
    e.data_worker_count = {static_cast<unsigned>(list.size()), {Source::derived, 0, 0}};
  } else {
    if (!e.data_worker_count.from_file())
      e.data_worker_count = {default_worker_count(env.hardware_threads), {Source::derived, 0, 0}};
    std::size_t last = std::size_t{e.data_worker_base_listen_port.value} + e.data_worker_count.value - 1;
    if (last > 65535) {
      const auto& at = e.data_worker_count.from_file() ? e.data_worker_count.origin
                                                        : e.data_worker_base_listen_port.origin;
      r.error(at, "engine.dataWorkerBaseListenPort",
              "engine.dataWorkerBaseListenPort " + std::to_string(e.data_worker_base_listen_port.value) +
                  " + " + std::to_string(e.data_worker_count.value) + " workers would need port " +
                  std::to_string(last) + " (past 65535); lower the base port or the worker count");
    }
    // The template was checked with one port only: "/ip4/127.0.0.1/tcp/1%d" or
    // "/ip4/10.0.0.%d/tcp/1" pass that and fail at the real ports (found by tests/fuzz).
    for (std::size_t slot = 0; slot < e.data_worker_count.value && !r.has_errors(); ++slot) {
      try {
        e.base_listen_address(slot);
      } catch (const MultiaddrError& bad) {
        r.error(e.data_worker_base_listen_multiaddr.origin, "engine.dataWorkerBaseListenMultiaddr",
                "engine.dataWorkerBaseListenMultiaddr: slot " + std::to_string(slot) + " (port " +
                    std::to_string(e.data_worker_base_listen_port.value + slot) + ") gets an " + bad.what() +
                    "; %d stands for the whole port, as in " + std::string(kDefaultBaseListenMultiaddr));
      }
    }
  }

  if (e.insecure_loopback_no_auth.value) {
    auto not_loopback = [&](const Multiaddr& m, const Origin& at, const std::string& key) {
      r.error(at, key,
              key + ": \"" + m.text() + "\" is not a loopback address, but "
              "engine.insecureLoopbackNoAuth is true (no TLS, so anyone who can reach a worker "
              "could drive it); use 127.0.0.1 addresses or set insecureLoopbackNoAuth: false");
    };
    for (std::size_t i = 0; i < list.size(); ++i)
      if (!list[i].value.is_loopback())
        not_loopback(list[i].value, list[i].origin, "engine.dataWorkerMultiaddrs[" + std::to_string(i) + "]");
    if (list.empty() && !r.has_errors()) {
      Multiaddr base = e.base_listen_address(0);
      if (!base.is_loopback())
        not_loopback(base, e.data_worker_base_listen_multiaddr.origin, "engine.dataWorkerBaseListenMultiaddr");
    }
  }

  if (cfg.store.path.value.empty())
    cfg.store.path = {cfg.dir / "store.sqlite", {Source::derived, 0, 0}};
  if (e.srs_path.value.empty() && !env.shared_dir.empty()) {
    std::error_code ec;
    auto srs = env.shared_dir / kDefaultSrs;
    if (std::filesystem::is_regular_file(srs, ec)) e.srs_path = {srs.lexically_normal(), {Source::derived, 0, 0}};
  }
}

// Where each document's root node starts. This replaces YAML::LoadAll, which yaml-cpp 0.7
// never returns from when a ',' follows a quoted scalar or a flow collection outside brackets
// ("a",): its parser then reports the same empty document forever, allocating as it goes,
// without consuming the ',' (yaml-cpp issue 1040; found by tests/fuzz). Every real document
// consumes input, so one whose root starts where the previous root did is that stuck token,
// reported as the syntax error it is.
class RootMarks : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> roots;
  void OnDocumentStart(const YAML::Mark&) override { depth_ = 0; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { node(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { node(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override {
    node(m);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(m);
    ++depth_;
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(m);
    ++depth_;
  }
  void OnMapEnd() override { --depth_; }

 private:
  void node(const YAML::Mark& m) {
    if (depth_ == 0) roots.push_back(m);
  }
  int depth_ = 0;
};

// Throws YAML::Exception for a syntax error, like YAML::LoadAll.
std::vector<YAML::Mark> document_roots(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  RootMarks marks;
  while (parser.HandleNextDocument(marks)) {
    const auto& r = marks.roots;
    if (r.size() >= 2 && r[r.size() - 1].pos == r[r.size() - 2].pos) {
      const auto at = static_cast<std::size_t>(r.back().pos);
      std::string what = at < text.size() ? "\"" + std::string(1, text[at]) + "\"" : "end of file";
      if (at < text.size() && text[at] == ',') what += " (a ',' only separates the items of [ ] or { })";
      throw YAML::ParserException(r.back(), "unexpected " + what);
    }
  }
  return marks.roots;
}

bool by_position(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.line, a.column) < std::tie(b.line, b.column);
}

[[noreturn]] void fail_with(Reporter& r) {
  auto all = r.errors();
  std::stable_sort(all.begin(), all.end(), by_position);
  all.insert(all.end(), r.warnings().begin(), r.warnings().end());
  throw ConfigError(std::move(all));
}

std::string syntax_hint(std::string_view text, int line) {
  std::istringstream in{std::string(text)};
  std::string l;
  for (int i = 0; i <= line && std::getline(in, l); ++i) {}
  if (l.find('\t') != std::string::npos) return " (this line has a tab; YAML indents with spaces)";
  return " (check the indentation and the \"key: value\" form of this line and the one above)";
}

}  // namespace

Config parse_config(std::string_view text, const std::filesystem::path& file, const Environment& env) {
  Reporter r(file.string());
  std::string cleaned = blank_ellipsis_lines(text, r);
  std::vector<YAML::Mark> roots;
  YAML::Node doc;
  try {
    roots = document_roots(cleaned);
    if (roots.size() == 1) doc = YAML::Load(cleaned);
  } catch (const YAML::Exception& e) {
    r.error(e.mark, "", "YAML syntax error: " + e.msg + syntax_hint(cleaned, e.mark.line));
    fail_with(r);
  }

  Config cfg;
  cfg.file = file;
  cfg.dir = std::filesystem::absolute(file).parent_path().lexically_normal();
  if (roots.size() > 1) {
    r.error(roots[1], "",
            "config.yml holds " + std::to_string(roots.size()) +
                " YAML documents (separated by \"---\" or \"...\"); keep one");
  } else if (!doc.IsNull()) {
    if (doc.IsMap()) {
      read_section(doc, "", cfg, r);
    } else {
      ValueReader(doc, doc.Mark(), "config.yml",
                  "a mapping with the sections engine:, metrics: and store:", r).fail();
    }
  }
  if (!r.has_errors()) derive_and_check(cfg, env, r);
  if (r.has_errors()) fail_with(r);
  cfg.warnings = std::move(r.warnings());
  return cfg;
}

Config load_config(const std::filesystem::path& dir, const Environment& env) {
  auto file = dir / kConfigFileName;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    Diagnostic d;
    d.file = file.string();
    d.message = std::filesystem::exists(file)
                    ? "cannot read it (check its permissions)"
                    : "no config.yml in " + dir.string() +
                          "; create one with: proofgrid config init --config " + dir.string() +
                          " (or copy the control machine's config.yml there)";
    throw ConfigError({d});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), file, env);
}

}  // namespace proofgrid::config
