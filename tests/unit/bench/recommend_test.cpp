// Sizing advice: workers per machine, PolySize tiers and their warnings, the round model.
#include <catch2/catch.hpp>

#include "benchmarks/suite/recommend.hpp"

using namespace proofgrid::bench;

TEST_CASE("workers per machine leave the control its core and respect the USL peak", "[bench][recommend]") {
  const UslModel linear{1.0, 0.0, 0.0};
  CHECK(recommended_workers(2, true, linear) == 1);
  CHECK(recommended_workers(2, false, linear) == 2);
  CHECK(recommended_workers(16, true, linear) == 15);
  CHECK(recommended_workers(1, true, linear) == 1);
  // Peak at sqrt((1 - 0.1) / 0.01) = 9.49: more workers would lower throughput.
  const UslModel peaked{1.0, 0.1, 0.01};
  CHECK(recommended_workers(16, true, peaked) == 9);
  CHECK(recommended_workers(16, false, peaked) == 9);
  CHECK(recommended_workers(4, true, peaked) == 3);
}

TEST_CASE("PolySize tiers and warnings just above 128, 1024 and 2048", "[bench][recommend]") {
  CHECK(poly_advice(1).poly_size == 128);
  const PolyAdvice at128 = poly_advice(128);
  CHECK(at128.poly_size == 128);
  CHECK_FALSE(at128.warning);
  const PolyAdvice p129 = poly_advice(129);
  CHECK(p129.poly_size == 1024);
  REQUIRE(p129.warning);
  CHECK(p129.warning->find("just above 128") != std::string::npos);
  CHECK_FALSE(poly_advice(1024).warning);
  const PolyAdvice p1025 = poly_advice(1025);
  CHECK(p1025.chunks == 2);
  REQUIRE(p1025.warning);
  CHECK(p1025.warning->find("just above 1024") != std::string::npos);
  const PolyAdvice p2049 = poly_advice(2049);
  CHECK(p2049.chunks == 3);
  REQUIRE(p2049.warning);
  CHECK(p2049.warning->find("just above 2048") != std::string::npos);
  CHECK_FALSE(poly_advice(200).warning);  // well past 128 + 128/8: no longer "just above"
}

TEST_CASE("round estimate adds solve, verification and commitment", "[bench][recommend]") {
  RoundInputs in;
  in.solve_seconds = 10;
  in.verify_seconds = 0.01;
  in.commit_seconds_n128 = 0.005;
  in.commit_seconds_n1024 = 0.03;
  in.prove_seconds_n128 = 0.008;
  in.prove_seconds_n1024 = 0.05;
  in.slowest_core_factor = 1.1;
  in.usl = {1.0, 0.1, 0.0};
  // One machine, 3 workers: solve 10 x (1 + 0.2) x 1.1 = 13.2; control 3 x 0.01 + 0.005 + 0.008.
  const RoundEstimate one = estimate_round(in, 1, 4, 3);
  CHECK(one.slots == 3);
  CHECK(one.poly.poly_size == 128);
  CHECK(one.round_seconds == Approx(13.2 + 0.043));
  CHECK(one.proofs_per_hour == Approx(3 * 3600 / 13.243));
  // 40 machines of 4 (control's 3): 159 slots, N = 1024, one chunk; the busiest machine has 4.
  const RoundEstimate many = estimate_round(in, 40, 4, 3);
  CHECK(many.slots == 159);
  CHECK(many.poly.poly_size == 1024);
  CHECK(many.round_seconds == Approx(10 * 1.3 * 1.1 + 1.59 + 0.03 + 0.05));
  CHECK(many.control_share == Approx(1.67 / many.round_seconds));
  const auto j = to_json(estimate_round(in, 33, 4, 1));  // 129 slots: warned
  CHECK(j["slots"] == 129);
  CHECK(j.contains("warning"));
}

TEST_CASE("PolySize tiers: how many machines stay within 128, 1024 and 2048 slots", "[bench][recommend]") {
  // Control machine 1 worker, others 2: 1 + 2 (m - 1) <= 128 -> m = 64 (127 slots); 65 -> 129.
  const PolyTier t128 = poly_tier(128, 2, 1);
  CHECK(t128.max_machines == 64);
  CHECK(t128.slots == 127);
  CHECK(t128.next_slots == 129);
  REQUIRE(t128.next_warning);
  CHECK(t128.next_warning->find("just above 128") != std::string::npos);
  // 15 per machine, control 14: 14 + 15 (m - 1) <= 1024 -> m = 68 (1019 slots); 69 -> 1034.
  const PolyTier t1024 = poly_tier(1024, 15, 14);
  CHECK(t1024.max_machines == 68);
  CHECK(t1024.slots == 1019);
  CHECK(t1024.next_slots == 1034);
  REQUIRE(t1024.next_warning);
  CHECK(t1024.next_warning->find("just above 1024") != std::string::npos);
  // A machine bigger than the limit: no machine count fits.
  const PolyTier big = poly_tier(128, 200, 199);
  CHECK(big.max_machines == 0);
  CHECK(big.next_slots == 199);
  CHECK_FALSE(big.next_warning);  // 199 is well past 128 + 128/8
}
