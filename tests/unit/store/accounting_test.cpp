// Contribution accounting: accepted proofs, squarings, attempts and reassignments per slot
// and per host, optionally since an increment.
#include <catch2/catch.hpp>

#include "tests/unit/store/store_test_support.hpp"

using namespace proofgrid;
using namespace proofgrid::store;
using namespace proofgrid::store::test;

TEST_CASE("proofs and squarings are counted per slot and per host", "[store][accounting]") {
  StoreDir d;
  Store store = Store::open(d.file, identity());
  const auto& ref = reference_chain();
  // Rounds 0..2 (P = 2, 3, 4): slot i on host "a" when even, "b" when odd; round 2's slot 1
  // was reassigned to host "a" after two failed attempts.
  for (std::uint64_t k = 0; k < 3; ++k) {
    std::vector<SlotAttribution> who;
    for (std::uint32_t i = 0; i < p_of(k); ++i)
      who.push_back({i, static_cast<std::int64_t>(i + 1), i % 2 ? "b" : "a", 0.5, 1, false});
    if (k == 2) who[1] = {1, 1, "a", 2.0, 3, true};
    store.append(ref[k], who);
  }
  const std::uint64_t t = ref[0].round.difficulty;  // fixed for the tiny chain

  const auto slots = store.contributions_by_slot();
  REQUIRE(slots.size() == 4);
  CHECK(slots[0].slot == 0);
  CHECK(slots[0].totals.proofs == 3);
  CHECK(slots[0].totals.squarings == 3 * t);
  CHECK(slots[1].totals.proofs == 3);
  CHECK(slots[1].totals.attempts == 5);
  CHECK(slots[1].totals.reassigned == 1);
  CHECK(slots[3].totals.proofs == 1);

  const auto hosts = store.contributions_by_host();
  REQUIRE(hosts.size() == 2);
  CHECK(hosts[0].host == "a");
  CHECK(hosts[0].totals.proofs == 6);  // slot 0 ×3, slot 2 ×2, the reassigned slot 1
  CHECK(hosts[1].host == "b");
  CHECK(hosts[1].totals.proofs == 3);  // slot 1 ×2, slot 3
  CHECK(hosts[0].totals.proofs + hosts[1].totals.proofs == 2 + 3 + 4);
  CHECK(hosts[0].totals.prove_seconds == Approx(0.5 * 5 + 2.0));

  const auto since = store.contributions_by_host(2);
  REQUIRE(since.size() == 2);
  CHECK(since[0].totals.proofs == 3);
  CHECK(since[1].totals.proofs == 1);
  CHECK(store.contributions_by_slot(3).empty());
}

TEST_CASE("rounds stored without attribution count as in-process", "[store][accounting]") {
  StoreDir d;
  Store store = Store::open(d.file, identity());
  append_reference(store, 0, 2);
  const auto hosts = store.contributions_by_host();
  REQUIRE(hosts.size() == 1);
  CHECK(hosts[0].host.empty());
  CHECK(hosts[0].totals.proofs == 5);
  CHECK(store.slots(1)[2].who.core == 0);
}
