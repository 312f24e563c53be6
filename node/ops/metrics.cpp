#include "node/ops/metrics.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace proofgrid::ops {
namespace {

bool name_char(char c, bool first, bool colon_ok) {
  bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon_ok && c == ':');
  return letter || (!first && c >= '0' && c <= '9');
}

bool valid_name(std::string_view s, bool colon_ok) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!name_char(s[i], i == 0, colon_ok)) return false;
  return true;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view type_word(MetricType t) {
  switch (t) {
    case MetricType::counter: return "counter";
    case MetricType::gauge: return "gauge";
    case MetricType::histogram: return "histogram";
  }
  return "untyped";
}

void check_names(const std::string& name, const std::vector<std::string>& labels, MetricType type) {
  if (!valid_name(name, true))
    throw std::invalid_argument("metric name \"" + name + "\" is not [a-zA-Z_:][a-zA-Z0-9_:]*");
  if (type == MetricType::counter && !ends_with(name, "_total"))
    throw std::invalid_argument("counter \"" + name + "\" must end in _total (Prometheus convention)");
  if (type != MetricType::counter && ends_with(name, "_total"))
    throw std::invalid_argument("\"" + name + "\" ends in _total, which is for counters only");
  for (const auto& l : labels) {
    if (!valid_name(l, false) || l.rfind("__", 0) == 0)
      throw std::invalid_argument("label name \"" + l + "\" of " + name +
                                  " is not [a-zA-Z_][a-zA-Z0-9_]* (and may not start with __)");
    if (type == MetricType::histogram && l == "le")
      throw std::invalid_argument("histogram " + name + " may not use the label \"le\" (its buckets use it)");
    if (std::count(labels.begin(), labels.end(), l) > 1)
      throw std::invalid_argument("label \"" + l + "\" of " + name + " is given twice");
  }
}

}  // namespace

std::string format_metric_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : "NaN";
}

std::string escape_label_value(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string escape_help(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

void Counter::inc(double by) {
  if (!(by >= 0)) throw std::invalid_argument("a counter only goes up: inc(" + format_metric_value(by) + ")");
  value_.fetch_add(by, std::memory_order_relaxed);
}

Histogram::Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0) {}

void Histogram::observe(double v) {
  // The first bucket whose upper bound is >= v (le means "less than or equal").
  std::size_t i = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  std::lock_guard lock(mutex_);
  ++counts_[i];
  sum_ += v;
  ++count_;
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  s.bounds = bounds_;
  std::lock_guard lock(mutex_);
  std::uint64_t running = 0;
  for (auto c : counts_) s.cumulative.push_back(running += c);
  s.sum = sum_;
  s.count = count_;
  return s;
}

FamilyBase::FamilyBase(std::string name, std::string help, MetricType type, std::vector<std::string> labels)
    : name_(std::move(name)), help_(std::move(help)), type_(type), labels_(std::move(labels)) {}

void FamilyBase::check_arity(const LabelValues& values) const {
  if (values.size() != labels_.size())
    throw std::invalid_argument(name_ + " takes " + std::to_string(labels_.size()) + " label values, got " +
                                std::to_string(values.size()));
}

std::string FamilyBase::label_text(const LabelValues& values, std::string_view extra) const {
  if (labels_.empty() && extra.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    if (i) out += ',';
    out += labels_[i] + "=\"" + escape_label_value(values[i]) + "\"";
  }
  if (!extra.empty()) {
    if (!labels_.empty()) out += ',';
    out += extra;
  }
  return out + "}";
}

template <class Metric>
void Family<Metric>::render(std::string& out) const {
  out += "# HELP " + name() + " " + escape_help(help()) + "\n";
  out += "# TYPE " + name() + " " + std::string(type_word(type())) + "\n";
  std::lock_guard lock(mutex_);
  for (const auto& [values, metric] : series_) {
    if constexpr (std::is_same_v<Metric, Histogram>) {
      auto s = metric->snapshot();
      for (std::size_t i = 0; i <= s.bounds.size(); ++i) {
        std::string le = i < s.bounds.size() ? format_metric_value(s.bounds[i]) : "+Inf";
        out += name() + "_bucket" + label_text(values, "le=\"" + le + "\"") + " " + std::to_string(s.cumulative[i]) + "\n";
      }
      out += name() + "_sum" + label_text(values) + " " + format_metric_value(s.sum) + "\n";
      out += name() + "_count" + label_text(values) + " " + std::to_string(s.count) + "\n";
    } else {
      out += name() + label_text(values) + " " + format_metric_value(metric->value()) + "\n";
    }
  }
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

void Registry::add(std::unique_ptr<FamilyBase> family, std::span<const std::string> taken) {
  std::lock_guard lock(mutex_);
  for (const auto& n : taken)
    if (std::find(names_.begin(), names_.end(), n) != names_.end())
      throw std::invalid_argument("metric name " + n + " is registered twice");
  names_.insert(names_.end(), taken.begin(), taken.end());
  families_.push_back(std::move(family));
}

template <class Metric, class... Args>
Family<Metric>& Registry::add_family(MetricType type, std::string name, std::string help,
                                     std::vector<std::string> labels, std::vector<std::string> taken,
                                     Args&&... args) {
  check_names(name, labels, type);
  auto f = std::make_unique<Family<Metric>>(name, std::move(help), type, std::move(labels), std::forward<Args>(args)...);
  auto& ref = *f;
  add(std::move(f), taken);
  return ref;
}

Family<Counter>& Registry::counter(std::string name, std::string help, std::vector<std::string> labels) {
  return add_family<Counter>(MetricType::counter, name, std::move(help), std::move(labels), {name});
}

Family<Gauge>& Registry::gauge(std::string name, std::string help, std::vector<std::string> labels) {
  return add_family<Gauge>(MetricType::gauge, name, std::move(help), std::move(labels), {name});
}

Family<Histogram>& Registry::histogram(std::string name, std::string help, std::vector<double> bounds,
                                       std::vector<std::string> labels) {
  for (std::size_t i = 0; i < bounds.size(); ++i)
    if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
      throw std::invalid_argument("histogram " + name + ": bucket bounds must be finite and strictly increasing");
  return add_family<Histogram>(MetricType::histogram, name, std::move(help), std::move(labels),
                               {name, name + "_bucket", name + "_sum", name + "_count"}, std::move(bounds));
}

void Registry::on_scrape(std::function<void()> hook) {
  std::lock_guard lock(mutex_);
  hooks_.push_back(std::move(hook));
}

std::string Registry::render() const {
  std::lock_guard lock(mutex_);
  for (const auto& hook : hooks_) hook();
  std::string out;
  for (const auto& f : families_) f->render(out);
  return out;
}

}  // namespace proofgrid::ops
