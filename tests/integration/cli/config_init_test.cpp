// `proofgrid config init`: the files it writes, and that it never overwrites by accident.
#include <sys/stat.h>

#include "tests/integration/cli/cli_test_support.hpp"

using namespace proofgrid::test;

TEST_CASE("config init writes config.yml and a 0600 keys.yml that config check accepts", "[cli][init]") {
  TempDir dir;
  auto cfg = (dir / "node").string();
  auto r = run_proofgrid({"config", "init", "--config", cfg, "--difficulty", "5"});
  require_clean_exit(r);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("generated " + cfg + "/keys.yml (mode 0600)"));
  struct stat st {};
  REQUIRE(::stat((dir / "node/keys.yml").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  auto text = read_file(dir / "node/config.yml");
  CHECK_THAT(text, Catch::Contains("\n  difficulty: 5\n"));
  CHECK_THAT(text, Catch::Contains("\n  controlKeyFingerprint: \""));

  auto check = run_proofgrid({"config", "check", "--config", cfg});
  require_clean_exit(check);
  CHECK(check.exit_code == 0);
  CHECK_THAT(check.err, Catch::Contains("keys.yml matches"));
}

TEST_CASE("config init refuses to replace config.yml without --force", "[cli][init]") {
  TempDir dir;
  auto cfg = dir.path().string();
  REQUIRE(run_in(dir, {"config", "init"}).exit_code == 0);
  auto keys = read_file(dir / "keys.yml");
  dir.write("config.yml", "engine:\n  difficulty: 9\n");

  auto again = run_in(dir, {"config", "init"});
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Catch::Contains("config.yml already exists"));
  CHECK(read_file(dir / "config.yml") == "engine:\n  difficulty: 9\n");

  auto forced = run_in(dir, {"config", "init", "--force"});
  CHECK(forced.exit_code == 0);
  CHECK_THAT(forced.out, Catch::Contains("kept " + cfg + "/keys.yml"));
  CHECK(read_file(dir / "keys.yml") == keys);
  CHECK_THAT(read_file(dir / "config.yml"), Catch::Contains("\n  difficulty: 0\n"));
}

TEST_CASE("config init rejects a difficulty out of range", "[cli][init]") {
  TempDir dir;
  auto r = run_in(dir, {"config", "init", "--difficulty", "-3"});
  CHECK(r.exit_code != 0);
  CHECK_FALSE(std::filesystem::exists(dir / "config.yml"));
}
