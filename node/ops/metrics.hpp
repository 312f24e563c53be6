#pragma once
// A small metrics registry rendered in the Prometheus text exposition format 0.0.4:
// counters, gauges and histograms, each a family of series told apart by label values.
// Updates are thread-safe and cheap (atomics; a histogram takes a short lock), so the round
// loop and the transport callbacks can update metrics from any thread while a scrape renders.
//
//   ops::Registry r;
//   auto& accepted = r.counter("proofgrid_proofs_accepted_total", "Proofs accepted", {"slot"});
//   accepted.with({"3"}).inc();
//   std::string text = r.render();
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace proofgrid::ops {

using LabelValues = std::vector<std::string>;

class Counter {
 public:
  // Adds `by` (>= 0; a counter only goes up). Throws std::invalid_argument for a negative
  // or NaN increment.
  void inc(double by = 1.0);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double by) { value_.fetch_add(by, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Histogram {
 public:
  // `bounds`: the upper bounds of the buckets, strictly increasing and finite (+Inf is
  // implied). Checked by Registry::histogram.
  explicit Histogram(std::vector<double> bounds);
  void observe(double v);

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<std::uint64_t> cumulative;  // per bound, then +Inf (== count)
    double sum = 0;
    std::uint64_t count = 0;
  };
  Snapshot snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::vector<double> bounds_;
  std::vector<std::uint64_t> counts_;  // per bucket (not cumulative), +Inf last
  double sum_ = 0;
  std::uint64_t count_ = 0;
};

enum class MetricType { counter, gauge, histogram };

// The series of one metric name. with() creates a series on first use; its reference stays
// valid until remove() of the same label values (or the registry's end).
class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, MetricType type, std::vector<std::string> labels);
  virtual ~FamilyBase() = default;
  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  MetricType type() const { return type_; }
  const std::vector<std::string>& label_names() const { return labels_; }
  // Appends this family's HELP, TYPE and sample lines.
  virtual void render(std::string& out) const = 0;

 protected:
  void check_arity(const LabelValues& values) const;
  // `{a="x",b="y"}` (with `extra` appended, e.g. le="0.5"), or "" without labels.
  std::string label_text(const LabelValues& values, std::string_view extra = {}) const;

 private:
  std::string name_, help_;
  MetricType type_;
  std::vector<std::string> labels_;
};

template <class Metric>
class Family : public FamilyBase {
 public:
  template <class... Args>
  Family(std::string name, std::string help, MetricType type, std::vector<std::string> labels, Args... args)
      : FamilyBase(std::move(name), std::move(help), type, std::move(labels)),
        make_([args...] { return std::make_unique<Metric>(args...); }) {
    if (label_names().empty()) with({});  // an unlabelled metric always has its one series
  }

  // Throws std::invalid_argument when the number of values differs from the label names.
  Metric& with(const LabelValues& values) {
    check_arity(values);
    std::lock_guard lock(mutex_);
    auto& slot = series_[values];
    if (!slot) slot = make_();
    return *slot;
  }
  // Drops a series (a slot removed by a reload); a no-op when it does not exist.
  void remove(const LabelValues& values) {
    std::lock_guard lock(mutex_);
    series_.erase(values);
  }
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return series_.size();
  }
  void render(std::string& out) const override;

 private:
  std::function<std::unique_ptr<Metric>()> make_;
  mutable std::mutex mutex_;
  std::map<LabelValues, std::unique_ptr<Metric>> series_;
};

class Registry {
 public:
  // Names follow Prometheus conventions, checked here so a typo fails at start, not in a
  // dashboard: [a-zA-Z_:][a-zA-Z0-9_:]*, counters end in _total, label names
  // [a-zA-Z_][a-zA-Z0-9_]* not starting with "__", no name registered twice. Throw
  // std::invalid_argument.
  Family<Counter>& counter(std::string name, std::string help, std::vector<std::string> labels = {});
  Family<Gauge>& gauge(std::string name, std::string help, std::vector<std::string> labels = {});
  Family<Histogram>& histogram(std::string name, std::string help, std::vector<double> bounds,
                               std::vector<std::string> labels = {});

  // Called at the start of every render(), e.g. to read this process's RSS into a gauge.
  // A hook may update metrics but not register new ones.
  void on_scrape(std::function<void()> hook);

  // The whole exposition, families in registration order, series sorted by label values.
  std::string render() const;

 private:
  void add(std::unique_ptr<FamilyBase> family, std::span<const std::string> taken_names);
  template <class Metric, class... Args>
  Family<Metric>& add_family(MetricType type, std::string name, std::string help, std::vector<std::string> labels,
                             std::vector<std::string> taken_names, Args&&... args);
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<FamilyBase>> families_;
  std::vector<std::string> names_;  // every sample name in use (histograms take three)
  std::vector<std::function<void()>> hooks_;
};

// Sample values as Prometheus parses them: "+Inf", "-Inf", "NaN", else the shortest decimal
// that reads back to the same double ("1", "0.25", "1e+21").
std::string format_metric_value(double v);
// Label values escape backslash, double quote and newline; HELP text backslash and newline.
std::string escape_label_value(std::string_view v);
std::string escape_help(std::string_view v);

// The Content-Type of render()'s output.
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace proofgrid::ops
