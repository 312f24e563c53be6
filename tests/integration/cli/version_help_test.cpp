// `proofgrid version` and every --help: they work and teach with an example.
#include <nlohmann/json.hpp>

#include "tests/integration/cli/cli_test_support.hpp"

using namespace proofgrid::test;

TEST_CASE("version prints the build and the backends compiled in", "[cli][version]") {
  auto r = run_proofgrid({"version"});
  require_clean_exit(r);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("proofgrid 0."));
  CHECK_THAT(r.out, Catch::Contains("\nbackends:   "));
  CHECK_THAT(r.out, Catch::Contains("\nbuild type: "));

  auto j = run_proofgrid({"version", "--json"});
  require_clean_exit(j);
  auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["version"].is_string());
  CHECK(doc["backends"].is_array());
  CHECK(doc["sanitizers"].is_boolean());
}

TEST_CASE("every command's help teaches with an example", "[cli][help]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> commands = {
      {{"--help"}, "proofgrid --core 4"},
      {{"config", "--help"}, "proofgrid config init --config ./.config"},
      {{"config", "check", "--help"}, "proofgrid config check --config ./.config --json"},
      {{"config", "init", "--help"}, "proofgrid config init --config /srv/pg/.config --difficulty 1000"},
      {{"version", "--help"}, "proofgrid version --json"},
  };
  for (const auto& [args, example] : commands) {
    INFO(args.front() << (args.size() > 1 ? " " + args[1] : ""));
    auto r = run_proofgrid(args);
    require_clean_exit(r);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("Example"));
    CHECK_THAT(r.out, Catch::Contains(example));
  }
}

TEST_CASE("an unknown option or subcommand is a usage error", "[cli][help]") {
  auto r = run_proofgrid({"--cores", "3"});
  require_clean_exit(r);
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("--cores"));
  auto c = run_proofgrid({"config"});
  require_clean_exit(c);
  CHECK(c.exit_code != 0);
}
