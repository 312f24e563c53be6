#pragma once
// `proofgrid report`: who proved what, from the store's accounting (node/store accounting.cpp),
// so a pool operator can split rewards by measured contribution. Rows are per worker (its
// address, with the slot and --core the current config gives it) and per machine (the host
// part of the address). A share is the part of all squarings in the range.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "node/config/slots.hpp"
#include "node/store/store.hpp"

namespace proofgrid::ops {

struct ContributionRow {
  std::string name;                // the worker's address, or the machine's host
  std::optional<std::size_t> slot; // workers: the slot of that address in the current config
  std::optional<unsigned> core;
  std::size_t workers = 1;         // machines: how many addresses
  store::ContributionTotals totals;
  double share = 0;                // of all squarings in the range
  std::optional<double> mean_prove_seconds() const;
};

struct ContributionReport {
  std::uint64_t since = 0;
  std::optional<std::uint64_t> head;
  std::vector<ContributionRow> workers;  // in slot order, addresses not in the config last
  std::vector<ContributionRow> hosts;
  store::ContributionTotals total;
};

// `by_address`: Store::contributions_by_host (the store keeps each worker's address there).
ContributionReport make_contribution_report(const std::vector<store::HostContribution>& by_address,
                                            const config::SlotTable& table, std::uint64_t since,
                                            std::optional<std::uint64_t> head);

// {"since","head","total":{…},"slots":[{"address","slot","core","proofs","squarings","attempts",
//  "reassigned","mean_prove_seconds","share"}],"hosts":[{"host","workers",…}]}
nlohmann::json to_json(const ContributionReport& report);
// Two aligned tables: per worker, then per machine.
std::string format_contribution_report(const ContributionReport& report);

}  // namespace proofgrid::ops
