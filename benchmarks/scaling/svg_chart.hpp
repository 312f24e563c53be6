#pragma once
// The scaling chart of `proofgrid bench --chart FILE.svg`, written as plain SVG (no
// dependency): measured throughput per worker count, the fitted USL curve, the ideal linear
// line λN, axes with ticks and labels, a title and a legend.
#include <string>
#include <vector>

#include "benchmarks/scaling/usl_fit.hpp"

namespace proofgrid::bench {

struct ScalingChart {
  std::string title = "Throughput vs. workers";
  std::string subtitle;  // e.g. the fit's parameters and note
  std::string x_label = "workers (processes)";
  std::string y_label = "proofs per second";
  std::vector<UslPoint> points;  // measured
  UslModel fit;
  double cores = 0;  // > 0: a marker where oversubscription starts
  double x_max = 0;  // right end of the x axis (0: twice the largest measured N, at least 8)
};

// A complete SVG document (UTF-8, XML-escaped text).
std::string render_svg(const ScalingChart& chart);

// "Nice" axis ticks covering [0, max]: 0, step, 2 step, ... with step 1, 2 or 5 × 10^k.
std::vector<double> nice_ticks(double max, int target_count = 6);

// Escapes &, <, >, " and ' for XML text and attributes.
std::string xml_escape(const std::string& text);

}  // namespace proofgrid::bench
