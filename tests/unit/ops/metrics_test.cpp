// The registry's exposition, read back by a strict parser of the text format (and by
// promtool when installed), its naming rules, and updates from several threads.
#include "node/ops/metrics.hpp"

#include <cmath>
#include <thread>

#include "node/ops/cluster_metrics.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/ops/exposition_parser.hpp"
#include "tests/unit/ops/ops_test_support.hpp"

using namespace proofgrid;
using ops::Registry;

namespace {

// A cluster mid-run: two slots, one busy with proofs, one paused, a closed round.
void populate(ops::ClusterMetrics& m) {
  auto a = ops::slot_labels(0, 1, "192.168.0.200"), b = ops::slot_labels(3, 4, "192.168.0.201");
  m.set_state(a, ops::WorkerState::busy);
  m.set_state(b, ops::WorkerState::paused);
  m.proofs_accepted.with(a).inc(41);
  m.proofs_rejected.with(ops::LabelValues{"0", "1", "192.168.0.200", "invalid"}).inc();
  m.prove_duration.with({"192.168.0.200"}).observe(3.2);
  m.prove_duration.with({"192.168.0.200"}).observe(0.07);
  m.restarts.with(b).inc();
  m.reconnects.with(b).inc(2);
  m.worker_memory.with(a).set(48.0 * 1024 * 1024);
  m.round_closed(12.5, ops::ChainHead{1234, 17, 128, 1700000000});
}

}  // namespace

TEST_CASE("the exposition is text format 0.0.4: HELP, TYPE, escaped labels, buckets, sum and count", "[ops][metrics]") {
  Registry r;
  auto& c = r.counter("demo_requests_total", "Requests, by path.\nSecond line with a \\ backslash", {"path"});
  c.with({"/a\"b\\c\nd"}).inc(2);
  r.gauge("demo_temperature_celsius", "A gauge").with({}).set(-1.5);
  auto& h = r.histogram("demo_duration_seconds", "A histogram", {0.5, 1});
  h.with({}).observe(0.5);  // le is "less or equal": lands in the 0.5 bucket
  h.with({}).observe(0.7);
  h.with({}).observe(9);
  CHECK(r.render() ==
        "# HELP demo_requests_total Requests, by path.\\nSecond line with a \\\\ backslash\n"
        "# TYPE demo_requests_total counter\n"
        "demo_requests_total{path=\"/a\\\"b\\\\c\\nd\"} 2\n"
        "# HELP demo_temperature_celsius A gauge\n"
        "# TYPE demo_temperature_celsius gauge\n"
        "demo_temperature_celsius -1.5\n"
        "# HELP demo_duration_seconds A histogram\n"
        "# TYPE demo_duration_seconds histogram\n"
        "demo_duration_seconds_bucket{le=\"0.5\"} 1\n"
        "demo_duration_seconds_bucket{le=\"1\"} 2\n"
        "demo_duration_seconds_bucket{le=\"+Inf\"} 3\n"
        "demo_duration_seconds_sum 10.2\n"
        "demo_duration_seconds_count 3\n");
  auto parsed = test::parse_exposition(r.render());
  CHECK(parsed.at("demo_requests_total").samples.at(0).labels.at("path") == "/a\"b\\c\nd");
  CHECK(parsed.at("demo_requests_total").help == "Requests, by path.\nSecond line with a \\ backslash");
}

TEST_CASE("the cluster's metrics parse strictly and carry what was recorded", "[ops][metrics]") {
  Registry r;
  ops::ClusterMetrics m(r);
  populate(m);
  auto text = r.render();
  INFO(text);
  auto f = test::parse_exposition(text);
  std::map<std::string, std::string> a{{"slot", "0"}, {"core", "1"}, {"host", "192.168.0.200"}};
  std::map<std::string, std::string> b{{"slot", "3"}, {"core", "4"}, {"host", "192.168.0.201"}};
  CHECK(test::sample_value(f, "proofgrid_proofs_accepted_total", "proofgrid_proofs_accepted_total", a) == 41);
  CHECK(test::sample_value(f, "proofgrid_worker_up", "proofgrid_worker_up", a) == 1);
  CHECK(test::sample_value(f, "proofgrid_worker_up", "proofgrid_worker_up", b) == 0);
  auto paused = b;
  paused["state"] = "paused";
  CHECK(test::sample_value(f, "proofgrid_worker_state", "proofgrid_worker_state", paused) == 1);
  paused["state"] = "crash-loop";
  CHECK(test::sample_value(f, "proofgrid_worker_state", "proofgrid_worker_state", paused) == 0);
  CHECK(test::sample_value(f, "proofgrid_worker_reconnects_total", "proofgrid_worker_reconnects_total", b) == 2);
  CHECK(test::sample_value(f, "proofgrid_prove_duration_seconds", "proofgrid_prove_duration_seconds_bucket",
                           {{"host", "192.168.0.200"}, {"le", "0.1"}}) == 1);
  CHECK(test::sample_value(f, "proofgrid_prove_duration_seconds", "proofgrid_prove_duration_seconds_count",
                           {{"host", "192.168.0.200"}}) == 2);
  CHECK(test::sample_value(f, "proofgrid_chain_head_increment", "proofgrid_chain_head_increment", {}) == 1234);
  CHECK(test::sample_value(f, "proofgrid_chain_head_parallelism", "proofgrid_chain_head_parallelism", {}) == 17);
  CHECK(test::sample_value(f, "proofgrid_round_duration_seconds", "proofgrid_round_duration_seconds_sum", {}) == 12.5);
  CHECK(test::sample_value(f, "process_resident_memory_bytes", "process_resident_memory_bytes", {}) > 0);
  for (const auto& [name, family] : f) {
    INFO(name);
    CHECK_FALSE(family.help.empty());
    if (family.type == "counter") CHECK_THAT(name, Catch::EndsWith("_total"));
  }

  // A reload removes a slot: its series go, the other slot's stay.
  m.remove_slot(ops::slot_labels(3, 4, "192.168.0.201"));
  auto after = test::parse_exposition(r.render());
  CHECK_THROWS(test::sample_value(after, "proofgrid_worker_up", "proofgrid_worker_up", b));
  CHECK(test::sample_value(after, "proofgrid_worker_up", "proofgrid_worker_up", a) == 1);
}

TEST_CASE("promtool accepts the cluster's metrics", "[ops][metrics]") {
  std::string promtool = test::find_tool("promtool");
  if (promtool.empty()) {
    WARN("promtool is not available (scripts/install-deps.sh --test-tools unpacks it): only the test's own parser checked the output");
    return;
  }
  Registry r;
  ops::ClusterMetrics m(r);
  populate(m);
  test::TempDir dir;
  auto file = dir.write("metrics.txt", r.render());
  // promtool reads the exposition on stdin; a shell redirect gives it the file.
  auto ok = test::run_process("/bin/sh", {"-c", promtool + " check metrics < " + file.string()});
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out + ok.err == "");  // no lint findings either
  // And promtool does object to a convention break the registry refuses to produce.
  auto bad = dir.write("bad.txt", "# HELP x_requests A counter without _total\n# TYPE x_requests counter\nx_requests 1\n");
  auto lint = test::run_process("/bin/sh", {"-c", promtool + " check metrics < " + bad.string()});
  CHECK_THAT(lint.out + lint.err, Catch::Contains("_total"));
}

TEST_CASE("the strict parser rejects what Prometheus would", "[ops][metrics]") {
  CHECK_THROWS_WITH(test::parse_exposition("x 1\n"), Catch::Contains("without a TYPE"));
  CHECK_THROWS_WITH(test::parse_exposition("# TYPE x gauge\nx{a=\"\\q\"} 1\n"), Catch::Contains("unknown escape"));
  CHECK_THROWS_WITH(test::parse_exposition("# TYPE x gauge\nx{a=\"1\",} 1\n"), Catch::Contains("trailing comma"));
  CHECK_THROWS_WITH(test::parse_exposition("# TYPE x gauge\nx 1\nx 2\n"), Catch::Contains("same series twice"));
  CHECK_THROWS_WITH(test::parse_exposition("# TYPE x gauge\n# TYPE y gauge\ny 1\nx 1\n"), Catch::Contains("away from"));
  CHECK_THROWS_WITH(test::parse_exposition("# TYPE x gauge\nx one\n"), Catch::Contains("not a sample value"));
  CHECK_THROWS_WITH(test::parse_exposition("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                                           "h_sum 1\nh_count 1\n"),
                    Catch::Contains("falling"));
  CHECK_THROWS_WITH(test::parse_exposition("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n"),
                    Catch::Contains("equal to _count"));
  CHECK_THROWS_WITH(test::parse_exposition("# TYPE x gauge\nx 1"), Catch::Contains("newline"));
}

TEST_CASE("names, labels and values that break the conventions are refused", "[ops][metrics]") {
  Registry r;
  CHECK_THROWS_WITH(r.counter("proofs_accepted", "x"), Catch::Contains("must end in _total"));
  CHECK_THROWS_WITH(r.gauge("up_total", "x"), Catch::Contains("for counters only"));
  CHECK_THROWS_WITH(r.gauge("2fast", "x"), Catch::Contains("is not [a-zA-Z_:]"));
  CHECK_THROWS_WITH(r.gauge("g", "x", {"bad-label"}), Catch::Contains("label name \"bad-label\""));
  CHECK_THROWS_WITH(r.gauge("g", "x", {"__reserved"}), Catch::Contains("may not start with __"));
  CHECK_THROWS_WITH(r.histogram("h", "x", {1}, {"le"}), Catch::Contains("may not use the label \"le\""));
  CHECK_THROWS_WITH(r.histogram("h", "x", {2, 1}), Catch::Contains("strictly increasing"));
  CHECK_THROWS_WITH(r.histogram("h", "x", {1, INFINITY}), Catch::Contains("finite"));
  r.histogram("rounds", "x", {1});
  CHECK_THROWS_WITH(r.gauge("rounds_count", "x"), Catch::Contains("registered twice"));
  CHECK_THROWS_WITH(r.gauge("rounds", "x"), Catch::Contains("registered twice"));
  auto& g = r.gauge("g", "x", {"slot"});
  CHECK_THROWS_WITH(g.with({}), Catch::Contains("takes 1 label values, got 0"));
  auto& c = r.counter("c_total", "x");
  CHECK_THROWS_WITH(c.with({}).inc(-1), Catch::Contains("only goes up"));
  CHECK_THROWS(c.with({}).inc(NAN));
  CHECK(ops::format_metric_value(1) == "1");
  CHECK(ops::format_metric_value(0.25) == "0.25");
  CHECK(ops::format_metric_value(1e21) == "1e+21");
  CHECK(ops::format_metric_value(INFINITY) == "+Inf");
  CHECK(ops::format_metric_value(-INFINITY) == "-Inf");
  CHECK(ops::format_metric_value(NAN) == "NaN");
}

TEST_CASE("updates from several threads while scrapes render add up exactly", "[ops][metrics]") {
  Registry r;
  auto& c = r.counter("work_total", "x", {"slot"});
  auto& h = r.histogram("work_seconds", "x", {0.5});
  constexpr int kThreads = 4, kEach = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        c.with({std::to_string(i % 3)}).inc();
        h.with({}).observe(t % 2 ? 0.25 : 1.0);
      }
    });
  std::size_t scrapes = 0;
  for (; scrapes < 50; ++scrapes) test::parse_exposition(r.render());  // never a torn histogram
  for (auto& t : threads) t.join();
  auto f = test::parse_exposition(r.render());
  double total = 0;
  for (const auto& s : f.at("work_total").samples) total += s.value;
  CHECK(total == kThreads * kEach);
  CHECK(test::sample_value(f, "work_seconds", "work_seconds_count", {}) == kThreads * kEach);
  CHECK(test::sample_value(f, "work_seconds", "work_seconds_bucket", {{"le", "0.5"}}) == kThreads * kEach / 2);
}
