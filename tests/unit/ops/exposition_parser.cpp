#include "tests/unit/ops/exposition_parser.hpp"

#include <cmath>
#include <set>
#include <stdexcept>

namespace proofgrid::test {
namespace {

struct Line {
  std::string_view text;
  int number;
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error("line " + std::to_string(number) + ": " + why + ": \"" + std::string(text) + "\"");
  }
};

bool metric_char(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
}

std::string take_name(std::string_view& s, const Line& line, bool colon_ok) {
  std::size_t n = 0;
  while (n < s.size() && metric_char(s[n], n == 0) && (colon_ok || s[n] != ':')) ++n;
  if (n == 0) line.fail("expected a name");
  std::string name(s.substr(0, n));
  s.remove_prefix(n);
  return name;
}

std::string unescape(std::string_view s, const Line& line, bool quotes_allowed) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) line.fail("a backslash ends the text");
    if (s[i] == '\\') out += '\\';
    else if (s[i] == 'n') out += '\n';
    else if (s[i] == '"' && quotes_allowed) out += '"';
    else line.fail("unknown escape \\" + std::string(1, s[i]));
  }
  return out;
}

double parse_value(std::string_view s, const Line& line) {
  if (s == "+Inf") return INFINITY;
  if (s == "-Inf") return -INFINITY;
  if (s == "NaN") return NAN;
  std::string copy(s);
  char* end = nullptr;
  double v = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || copy.find_first_of("xXpP") != std::string::npos ||
      std::isinf(v) || std::isnan(v))
    line.fail("not a sample value");
  return v;
}

Sample parse_sample(std::string_view s, const Line& line) {
  Sample sample;
  sample.name = take_name(s, line, true);
  if (!s.empty() && s.front() == '{') {
    s.remove_prefix(1);
    while (true) {
      if (!s.empty() && s.front() == '}') break;
      std::string label = take_name(s, line, false);
      if (s.substr(0, 2) != "=\"") line.fail("expected =\" after label " + label);
      s.remove_prefix(2);
      std::size_t end = 0;
      while (end < s.size() && s[end] != '"') end += s[end] == '\\' ? 2 : 1;
      if (end >= s.size()) line.fail("unterminated label value");
      if (!sample.labels.emplace(label, unescape(s.substr(0, end), line, true)).second) line.fail("label " + label + " twice");
      s.remove_prefix(end + 1);
      if (!s.empty() && s.front() == ',') {
        s.remove_prefix(1);
        if (!s.empty() && s.front() == '}') line.fail("trailing comma in labels");
        continue;
      }
      if (s.empty() || s.front() != '}') line.fail("expected , or } in labels");
    }
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() != ' ') line.fail("expected one space before the value");
  s.remove_prefix(1);
  auto space = s.find(' ');
  sample.value = parse_value(s.substr(0, space), line);
  if (space != std::string_view::npos) {  // an optional integer timestamp
    auto ts = s.substr(space + 1);
    if (ts.empty() || ts.find_first_not_of("-0123456789") != std::string_view::npos) line.fail("bad timestamp");
  }
  return sample;
}

// The family a sample name belongs to, given the families typed so far.
std::string family_of(const std::string& sample, const std::map<std::string, MetricFamily>& families) {
  if (families.count(sample)) return sample;
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    std::string_view s(sample), x(suffix);
    if (s.size() > x.size() && s.substr(s.size() - x.size()) == x) {
      std::string base(s.substr(0, s.size() - x.size()));
      auto it = families.find(base);
      if (it != families.end() && it->second.type == "histogram") return base;
    }
  }
  return {};
}

void check_histogram(const std::string& name, const MetricFamily& f) {
  // Group by the labels other than le; buckets must rise to +Inf == _count.
  std::map<std::map<std::string, std::string>, std::vector<const Sample*>> groups;
  for (const auto& s : f.samples) {
    auto key = s.labels;
    key.erase("le");
    groups[key].push_back(&s);
  }
  for (const auto& [labels, samples] : groups) {
    double last_le = -INFINITY, last_count = 0, count = -1, inf = -1;
    bool has_sum = false;
    for (const Sample* s : samples) {
      if (s->name == name + "_bucket") {
        if (!s->labels.count("le")) throw std::runtime_error(name + ": a bucket without le");
        const std::string& le = s->labels.at("le");
        double bound = le == "+Inf" ? INFINITY : std::stod(le);
        if (bound <= last_le || s->value < last_count) throw std::runtime_error(name + ": buckets out of order or falling");
        last_le = bound;
        last_count = s->value;
        if (std::isinf(bound)) inf = s->value;
      } else if (s->name == name + "_count") {
        count = s->value;
      } else if (s->name == name + "_sum") {
        has_sum = true;
      }
    }
    if (inf < 0 || count < 0 || !has_sum || inf != count)
      throw std::runtime_error(name + ": needs an le=\"+Inf\" bucket equal to _count, and _sum");
  }
}

}  // namespace

std::map<std::string, MetricFamily> parse_exposition(std::string_view text) {
  if (!text.empty() && text.back() != '\n') throw std::runtime_error("the exposition must end with a newline");
  std::map<std::string, MetricFamily> families;
  std::set<std::string> closed, series;
  std::string current;
  int number = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    Line line{text.substr(0, nl), ++number};
    text.remove_prefix(nl + 1);
    std::string_view s = line.text;
    if (s.empty()) continue;
    if (s.front() == '#') {
      if (s.substr(0, 7) != "# HELP " && s.substr(0, 7) != "# TYPE ") continue;  // a comment
      bool help = s[2] == 'H';
      s.remove_prefix(7);
      std::string name = take_name(s, line, true);
      if (s.empty() || s.front() != ' ') line.fail("expected a space after the name");
      s.remove_prefix(1);
      if (name != current) {
        if (closed.count(name)) line.fail(name + " appears in two places");
        if (!current.empty()) closed.insert(current);
        current = name;
      }
      auto& f = families[name];
      if (help) {
        if (!f.help.empty()) line.fail("second HELP for " + name);
        f.help = unescape(s, line, false);
      } else {
        if (!f.type.empty() || !f.samples.empty()) line.fail("TYPE after samples or twice for " + name);
        if (s != "counter" && s != "gauge" && s != "histogram" && s != "summary" && s != "untyped") line.fail("unknown type");
        f.type = std::string(s);
      }
      continue;
    }
    Sample sample = parse_sample(s, line);
    std::string family = family_of(sample.name, families);
    if (family.empty() || families[family].type.empty()) line.fail("a sample without a TYPE line before it");
    if (family != current) line.fail("a sample away from its family's other lines");
    std::string key = sample.name;
    for (const auto& [k, v] : sample.labels) key += "\x1f" + k + "=" + v;
    if (!series.insert(key).second) line.fail("the same series twice");
    families[family].samples.push_back(std::move(sample));
  }
  for (const auto& [name, f] : families)
    if (f.type == "histogram") check_histogram(name, f);
  return families;
}

double sample_value(const std::map<std::string, MetricFamily>& families, const std::string& family,
                    const std::string& name, const std::map<std::string, std::string>& labels) {
  auto it = families.find(family);
  if (it == families.end()) throw std::runtime_error("no family " + family);
  for (const auto& s : it->second.samples)
    if (s.name == name && s.labels == labels) return s.value;
  throw std::runtime_error("no sample " + name + " with those labels in " + family);
}

}  // namespace proofgrid::test
