#pragma once
// `proofgrid bench compare A.json B.json`: the ratio B / A of every numeric leaf both runs
// have (paths like "vdf.simd.squarings_per_second" or "scaling.points[1].throughput").
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace proofgrid::bench {

struct NumericLeaf {
  std::string path;
  double value = 0;
};

// Every number (not bool) under `doc`, depth first, in document order.
std::vector<NumericLeaf> numeric_leaves(const nlohmann::ordered_json& doc);

struct LeafRatio {
  std::string path;
  double a = 0, b = 0;
  double ratio = 0;  // b / a; NaN when a = 0 (JSON null)
};

struct Comparison {
  std::vector<LeafRatio> common;      // paths in both, in A's order
  std::vector<std::string> only_a;    // numeric paths missing from B
  std::vector<std::string> only_b;
};

Comparison compare_runs(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b);

nlohmann::ordered_json to_json(const Comparison& c);
std::string to_table(const Comparison& c, const std::string& a_name, const std::string& b_name);

}  // namespace proofgrid::bench
