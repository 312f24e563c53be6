#pragma once
// A strict reader of the Prometheus text exposition format 0.0.4, written from the format's
// description, so the tests check the registry's output against the format rather than
// against itself. Throws std::runtime_error naming the line on anything Prometheus would
// reject (or that its conventions forbid): unknown syntax, bad escapes, samples before their
// TYPE, families split apart, repeated series, histograms whose buckets do not add up.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace proofgrid::test {

struct Sample {
  std::string name;  // as written, e.g. x_bucket
  std::map<std::string, std::string> labels;  // unescaped values
  double value = 0;
};

struct MetricFamily {
  std::string type;  // counter, gauge, histogram, summary, untyped
  std::string help;  // unescaped
  std::vector<Sample> samples;
};

std::map<std::string, MetricFamily> parse_exposition(std::string_view text);

// The value of the one sample `name` with exactly these labels; throws when absent.
double sample_value(const std::map<std::string, MetricFamily>& families, const std::string& family,
                    const std::string& name, const std::map<std::string, std::string>& labels);

}  // namespace proofgrid::test
