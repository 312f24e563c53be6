#include "benchmarks/scaling/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace proofgrid::bench {

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::vector<double> nice_ticks(double max, int target_count) {
  if (!(max > 0)) max = 1;
  const double raw = max / std::max(1, target_count);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  std::vector<double> ticks;
  // Up to the first tick at or above max, so the axis covers every value.
  for (int i = 0;; ++i) {
    ticks.push_back(i * step);
    if (i * step >= max * (1 - 1e-9)) break;
  }
  return ticks;
}

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string label(double v) {
  char buf[32];
  if (v != 0 && (std::fabs(v) >= 1e5 || std::fabs(v) < 1e-2)) std::snprintf(buf, sizeof buf, "%.2g", v);
  else std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Plot area and the mapping from data to pixels.
struct Frame {
  double left = 80, top = 70, width = 560, height = 340;
  double x_max = 1, y_max = 1;
  double px(double x) const { return left + width * x / x_max; }
  double py(double y) const { return top + height * (1 - y / y_max); }
};

std::string polyline(const Frame& f, const std::vector<std::pair<double, double>>& xy, const char* style) {
  std::ostringstream s;
  s << "<polyline fill=\"none\" " << style << " points=\"";
  for (const auto& [x, y] : xy) s << num(f.px(x)) << ',' << num(f.py(std::min(y, f.y_max))) << ' ';
  s << "\"/>\n";
  return s.str();
}

}  // namespace

std::string render_svg(const ScalingChart& c) {
  double n_max = 1, x_obs = 0;
  for (const auto& p : c.points) {
    n_max = std::max(n_max, p.n);
    x_obs = std::max(x_obs, p.x);
  }
  const double x_end = c.x_max > 0 ? c.x_max : std::max(8.0, 2 * n_max);
  // The y axis shows every measured point and the fitted curve; the ideal line may leave it.
  double y_top = x_obs;
  // The curve starts at one worker (below it the USL means nothing and may diverge).
  for (int i = 0; i <= 200; ++i) y_top = std::max(y_top, c.fit.throughput(1 + (x_end - 1) * i / 200));
  Frame f;
  const std::vector<double> xt = nice_ticks(x_end), yt = nice_ticks(y_top * 1.05);
  f.x_max = xt.back();
  f.y_max = yt.back();

  std::ostringstream s;
  s << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"500\" viewBox=\"0 0 720 500\" "
       "font-family=\"sans-serif\" font-size=\"12\">\n"
    << "<rect x=\"0\" y=\"0\" width=\"720\" height=\"500\" fill=\"white\"/>\n"
    << "<text x=\"360\" y=\"28\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">"
    << xml_escape(c.title) << "</text>\n"
    << "<text x=\"360\" y=\"48\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444\">"
    << xml_escape(c.subtitle) << "</text>\n";
  // Grid, ticks and tick labels.
  s << "<g class=\"x-axis\" stroke=\"#ddd\">\n";
  for (double t : xt)
    s << "<line x1=\"" << num(f.px(t)) << "\" y1=\"" << num(f.top) << "\" x2=\"" << num(f.px(t)) << "\" y2=\""
      << num(f.top + f.height + 5) << "\"/>\n";
  s << "</g>\n<g class=\"y-axis\" stroke=\"#ddd\">\n";
  for (double t : yt)
    s << "<line x1=\"" << num(f.left - 5) << "\" y1=\"" << num(f.py(t)) << "\" x2=\"" << num(f.left + f.width)
      << "\" y2=\"" << num(f.py(t)) << "\"/>\n";
  s << "</g>\n<g class=\"tick-labels\" fill=\"#222\">\n";
  for (double t : xt)
    s << "<text x=\"" << num(f.px(t)) << "\" y=\"" << num(f.top + f.height + 20) << "\" text-anchor=\"middle\">"
      << label(t) << "</text>\n";
  for (double t : yt)
    s << "<text x=\"" << num(f.left - 9) << "\" y=\"" << num(f.py(t) + 4) << "\" text-anchor=\"end\">" << label(t)
      << "</text>\n";
  s << "</g>\n";
  // Axes and their labels.
  s << "<line x1=\"" << num(f.left) << "\" y1=\"" << num(f.top + f.height) << "\" x2=\"" << num(f.left + f.width)
    << "\" y2=\"" << num(f.top + f.height) << "\" stroke=\"black\"/>\n"
    << "<line x1=\"" << num(f.left) << "\" y1=\"" << num(f.top) << "\" x2=\"" << num(f.left) << "\" y2=\""
    << num(f.top + f.height) << "\" stroke=\"black\"/>\n"
    << "<text x=\"" << num(f.left + f.width / 2) << "\" y=\"" << num(f.top + f.height + 42)
    << "\" text-anchor=\"middle\">" << xml_escape(c.x_label) << "</text>\n"
    << "<text x=\"20\" y=\"" << num(f.top + f.height / 2) << "\" text-anchor=\"middle\" transform=\"rotate(-90 20 "
    << num(f.top + f.height / 2) << ")\">" << xml_escape(c.y_label) << "</text>\n";
  // Ideal line, fitted curve, measured points.
  const double lambda = c.fit.lambda;
  const double ideal_end = std::min(f.x_max, lambda > 0 ? f.y_max / lambda : f.x_max);
  s << polyline(f, {{0, 0}, {ideal_end, lambda * ideal_end}},
                "class=\"ideal\" stroke=\"#888\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"");
  std::vector<std::pair<double, double>> curve;
  for (int i = 0; i <= 200; ++i) {
    const double n = 1 + (f.x_max - 1) * i / 200;
    curve.emplace_back(n, c.fit.throughput(n));
  }
  s << polyline(f, curve, "class=\"fit\" stroke=\"#1f77b4\" stroke-width=\"2.5\"");
  if (c.cores > 0 && c.cores < f.x_max) {
    s << "<line class=\"cores\" x1=\"" << num(f.px(c.cores)) << "\" y1=\"" << num(f.top) << "\" x2=\""
      << num(f.px(c.cores)) << "\" y2=\"" << num(f.top + f.height) << "\" stroke=\"#2ca02c\" stroke-dasharray=\"2 3\"/>\n"
      << "<text x=\"" << num(f.px(c.cores) + 4) << "\" y=\"" << num(f.top + f.height - 8)
      << "\" fill=\"#2ca02c\">" << label(c.cores) << " cores: more workers share cores</text>\n";
  }
  s << "<g class=\"measured\" fill=\"#d62728\" stroke=\"black\" stroke-width=\"0.8\">\n";
  for (const auto& p : c.points)
    s << "<circle cx=\"" << num(f.px(p.n)) << "\" cy=\"" << num(f.py(p.x)) << "\" r=\"5\"><title>N = " << label(p.n)
      << ": " << label(p.x) << "</title></circle>\n";
  s << "</g>\n";
  // Legend, bottom right inside the plot: a scaling curve rises from the bottom left.
  const double lx = f.left + f.width - 235, ly = f.top + f.height - 90;
  s << "<g class=\"legend\">\n"
    << "<rect x=\"" << num(lx - 8) << "\" y=\"" << num(ly - 10) << "\" width=\"230\" height=\"64\" fill=\"white\" "
       "stroke=\"#999\"/>\n"
    << "<circle cx=\"" << num(lx + 10) << "\" cy=\"" << num(ly + 2) << "\" r=\"5\" fill=\"#d62728\" stroke=\"black\"/>\n"
    << "<text x=\"" << num(lx + 28) << "\" y=\"" << num(ly + 6) << "\">measured</text>\n"
    << "<line x1=\"" << num(lx) << "\" y1=\"" << num(ly + 22) << "\" x2=\"" << num(lx + 20) << "\" y2=\""
    << num(ly + 22) << "\" stroke=\"#1f77b4\" stroke-width=\"2.5\"/>\n"
    << "<text x=\"" << num(lx + 28) << "\" y=\"" << num(ly + 26) << "\">USL fit</text>\n"
    << "<line x1=\"" << num(lx) << "\" y1=\"" << num(ly + 42) << "\" x2=\"" << num(lx + 20) << "\" y2=\""
    << num(ly + 42) << "\" stroke=\"#888\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
    << "<text x=\"" << num(lx + 28) << "\" y=\"" << num(ly + 46) << "\">ideal linear (lambda x N)</text>\n"
    << "</g>\n</svg>\n";
  return s.str();
}

}  // namespace proofgrid::bench
