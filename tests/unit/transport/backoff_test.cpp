#include <catch2/catch.hpp>

#include "transport/backoff.hpp"

using namespace proofgrid::transport;
using ms = std::chrono::milliseconds;

TEST_CASE("backoff doubles from 50 ms to 5 s, jitter only shortens, never below min", "[backoff]") {
  Backoff b(ms(50), ms(5000), 0.2, 1);
  std::vector<long> bases = {50, 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000};
  for (long base : bases) {
    CHECK(b.base().count() == base);
    long d = b.next().count();
    CHECK(d <= base);
    CHECK(d >= std::max<long>(50, static_cast<long>(base * 0.8)));
  }
  CHECK(b.failures() == bases.size());
  b.reset();
  CHECK(b.base().count() == 50);
}

TEST_CASE("backoff jitter spreads links that fail together", "[backoff]") {
  std::vector<long> at_cap;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    Backoff b(ms(50), ms(5000), 0.2, seed);
    for (int i = 0; i < 9; ++i) b.next();
    at_cap.push_back(b.next().count());
  }
  auto [lo, hi] = std::minmax_element(at_cap.begin(), at_cap.end());
  CHECK(*lo >= 4000);
  CHECK(*hi <= 5000);
  CHECK(*hi - *lo > 300);
}

TEST_CASE("backoff survives many failures without overflow", "[backoff]") {
  Backoff b(ms(50), ms(5000), 0.0, 1);
  for (int i = 0; i < 1000; ++i) b.next();
  CHECK(b.next().count() == 5000);
  CHECK_THROWS_AS(Backoff(ms(0), ms(10), 0.1, 1), std::invalid_argument);
  CHECK_THROWS_AS(Backoff(ms(10), ms(5), 0.1, 1), std::invalid_argument);
}
