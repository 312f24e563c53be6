#include "benchmarks/suite/compare.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

namespace proofgrid::bench {
namespace {

void walk(const nlohmann::ordered_json& j, const std::string& path, std::vector<NumericLeaf>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) walk(v, path.empty() ? k : path + "." + k, out);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) walk(j[i], path + "[" + std::to_string(i) + "]", out);
  } else if (j.is_number()) {
    out.push_back({path, j.get<double>()});
  }
}

}  // namespace

std::vector<NumericLeaf> numeric_leaves(const nlohmann::ordered_json& doc) {
  std::vector<NumericLeaf> out;
  walk(doc, "", out);
  return out;
}

Comparison compare_runs(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b) {
  const auto la = numeric_leaves(a), lb = numeric_leaves(b);
  std::map<std::string, double> in_b;
  for (const auto& l : lb) in_b[l.path] = l.value;
  std::map<std::string, bool> in_a;
  Comparison c;
  for (const auto& l : la) {
    in_a[l.path] = true;
    const auto it = in_b.find(l.path);
    if (it == in_b.end()) {
      c.only_a.push_back(l.path);
      continue;
    }
    const double ratio = l.value == 0 ? std::numeric_limits<double>::quiet_NaN() : it->second / l.value;
    c.common.push_back({l.path, l.value, it->second, ratio});
  }
  for (const auto& l : lb)
    if (!in_a.count(l.path)) c.only_b.push_back(l.path);
  return c;
}

nlohmann::ordered_json to_json(const Comparison& c) {
  nlohmann::ordered_json ratios = nlohmann::ordered_json::object();
  for (const auto& r : c.common) {
    nlohmann::ordered_json ratio = std::isnan(r.ratio) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.ratio);
    ratios[r.path] = {{"a", r.a}, {"b", r.b}, {"ratio", ratio}};
  }
  return {{"ratios", ratios}, {"only_in_a", c.only_a}, {"only_in_b", c.only_b}};
}

std::string to_table(const Comparison& c, const std::string& a_name, const std::string& b_name) {
  std::string out = "ratio = B / A   (A: " + a_name + ", B: " + b_name + ")\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-58s %14s %14s %9s\n", "figure", "A", "B", "B/A");
  out += line;
  for (const auto& r : c.common) {
    char ratio[32];
    if (std::isnan(r.ratio)) std::snprintf(ratio, sizeof ratio, "%9s", "-");
    else std::snprintf(ratio, sizeof ratio, "%8.3fx", r.ratio);
    std::snprintf(line, sizeof line, "%-58s %14.6g %14.6g %s\n", r.path.c_str(), r.a, r.b, ratio);
    out += line;
  }
  if (!c.only_a.empty()) out += std::to_string(c.only_a.size()) + " figure(s) only in A (not compared)\n";
  if (!c.only_b.empty()) out += std::to_string(c.only_b.size()) + " figure(s) only in B (not compared)\n";
  return out;
}

}  // namespace proofgrid::bench
