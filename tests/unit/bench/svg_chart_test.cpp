// The scaling chart is well-formed SVG with the parts a reader needs.
#include <algorithm>

#include <catch2/catch.hpp>

#include "benchmarks/scaling/svg_chart.hpp"
#include "tests/unit/bench/xml_check.hpp"

using namespace proofgrid::bench;
using proofgrid::test::check_xml;
using proofgrid::test::XmlCheck;

namespace {

std::size_t count(const XmlCheck& x, const std::string& name, const std::string& cls = "") {
  return static_cast<std::size_t>(std::count_if(x.elements.begin(), x.elements.end(), [&](const auto& e) {
    return e.name == name && (cls.empty() || (e.attributes.count("class") && e.attributes.at("class") == cls));
  }));
}

bool has_text(const XmlCheck& x, const std::string& needle) {
  return std::any_of(x.elements.begin(), x.elements.end(),
                     [&](const auto& e) { return e.name == "text" && e.text.find(needle) != std::string::npos; });
}

ScalingChart sample() {
  ScalingChart c;
  c.title = "Scaling <test> & more";
  c.subtitle = "sigma = 0.05";
  c.points = {{1, 2.0}, {2, 3.8}, {4, 7.0}};
  c.fit = {2.0, 0.05, 0.001};
  return c;
}

}  // namespace

TEST_CASE("svg chart is well-formed XML with title, axes, points, fit, ideal line and legend", "[bench][chart]") {
  const std::string svg = render_svg(sample());
  const XmlCheck x = check_xml(svg);
  INFO(x.error);
  REQUIRE(x.ok);
  CHECK(x.root == "svg");
  CHECK(x.elements.front().attributes.at("xmlns") == "http://www.w3.org/2000/svg");
  CHECK(has_text(x, "Scaling <test> & more"));  // escaped in the file, decoded here
  CHECK(has_text(x, "workers (processes)"));
  CHECK(has_text(x, "proofs per second"));
  CHECK(count(x, "polyline", "fit") == 1);
  CHECK(count(x, "polyline", "ideal") == 1);
  CHECK(count(x, "g", "measured") == 1);
  CHECK(count(x, "g", "legend") == 1);
  CHECK(has_text(x, "USL fit"));
  CHECK(has_text(x, "measured"));
  // Three measured points plus the legend's marker.
  CHECK(count(x, "circle") == 4);
  // Tick labels on both axes: at least three each.
  CHECK(count(x, "text") >= 3 + 6 + 4);
}

TEST_CASE("svg checker catches broken documents", "[bench][chart]") {
  CHECK_FALSE(check_xml("<svg><g></svg>").ok);
  CHECK_FALSE(check_xml("<svg a=1></svg>").ok);
  CHECK_FALSE(check_xml("<svg>a & b</svg>").ok);
  CHECK_FALSE(check_xml("<svg/><svg/>").ok);
  CHECK(check_xml("<svg><g a=\"1\"/>x &amp; y</svg>").ok);
}

TEST_CASE("nice ticks cover the range in 1-2-5 steps", "[bench][chart]") {
  CHECK(nice_ticks(10, 5) == std::vector<double>{0, 2, 4, 6, 8, 10});
  const auto t = nice_ticks(7.3, 6);
  CHECK(t.front() == 0);
  CHECK(t.back() >= 7.3);
  CHECK(t.size() <= 9);
  CHECK(nice_ticks(0.034, 4).back() >= 0.034);
}

TEST_CASE("xml_escape escapes markup characters", "[bench][chart]") {
  CHECK(xml_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;");
}

TEST_CASE("svg chart marks the core count and keeps the axis to the data when sigma > 1", "[bench][chart]") {
  ScalingChart c;
  c.points = {{1, 3.4}, {2, 3.1}};
  c.fit = {3.4, 1.19, 0.0};  // retrograde: below one worker the formula would diverge
  c.cores = 2;
  const XmlCheck x = check_xml(render_svg(c));
  REQUIRE(x.ok);
  CHECK(count(x, "line", "cores") == 1);
  CHECK(has_text(x, "2 cores"));
  // The y tick labels stay near the measured values (top tick 4, not hundreds).
  double top = 0;
  for (const auto& e : x.elements)
    if (e.name == "text" && e.attributes.count("text-anchor") && e.attributes.at("text-anchor") == "end")
      top = std::max(top, std::stod(e.text));
  CHECK(top >= 3.4);
  CHECK(top <= 5);
}
