// Contribution accounting over the stored slots: accepted proofs and squarings per slot and
// per host (issue 7's `report`). Every stored slot row is an accepted, verified proof.
#include <string>

#include "node/store/store.hpp"

namespace proofgrid::store {
namespace {

// SELECT <key>, proofs, squarings, attempts, reassigned, prove_seconds … GROUP BY <key>.
std::string totals_query(const char* key) {
  return std::string("SELECT s.") + key +
         ", count(*), sum(r.difficulty), sum(s.attempts), sum(s.reassigned), sum(s.prove_seconds) "
         "FROM slots s JOIN rounds r ON r.increment = s.increment WHERE s.increment >= ? GROUP BY s." +
         key + " ORDER BY s." + key;
}

ContributionTotals read_totals(const Statement& s) {
  return ContributionTotals{static_cast<std::uint64_t>(s.integer(1)), static_cast<std::uint64_t>(s.integer(2)),
                            static_cast<std::uint64_t>(s.integer(3)), static_cast<std::uint64_t>(s.integer(4)),
                            s.real(5)};
}

}  // namespace

std::vector<SlotContribution> Store::contributions_by_slot(std::uint64_t since) const {
  Statement s = db_.prepare(totals_query("slot"));
  s.bind(1, static_cast<std::int64_t>(since));
  std::vector<SlotContribution> out;
  while (s.step()) out.push_back({static_cast<std::uint32_t>(s.integer(0)), read_totals(s)});
  return out;
}

std::vector<HostContribution> Store::contributions_by_host(std::uint64_t since) const {
  Statement s = db_.prepare(totals_query("host"));
  s.bind(1, static_cast<std::int64_t>(since));
  std::vector<HostContribution> out;
  while (s.step()) out.push_back({s.text(0), read_totals(s)});
  return out;
}

}  // namespace proofgrid::store
