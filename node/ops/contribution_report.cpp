#include "node/ops/contribution_report.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "node/ops/text_table.hpp"

namespace proofgrid::ops {
namespace {

void add(store::ContributionTotals& into, const store::ContributionTotals& t) {
  into.proofs += t.proofs;
  into.squarings += t.squarings;
  into.attempts += t.attempts;
  into.reassigned += t.reassigned;
  into.prove_seconds += t.prove_seconds;
}

std::string host_of(const std::string& address) {
  auto parsed = config::Multiaddr::try_parse(address);
  return parsed ? parsed->host() : address;
}

nlohmann::json totals_json(const ContributionRow& row) {
  auto mean = row.mean_prove_seconds();
  return {{"proofs", row.totals.proofs},
          {"squarings", row.totals.squarings},
          {"attempts", row.totals.attempts},
          {"reassigned", row.totals.reassigned},
          {"mean_prove_seconds", mean ? nlohmann::json(*mean) : nlohmann::json(nullptr)},
          {"share", row.share}};
}

std::string fixed(double v, const char* format) {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::array<std::string, 5> numbers(const ContributionRow& r) {
  auto mean = r.mean_prove_seconds();
  return {std::to_string(r.totals.proofs), std::to_string(r.totals.squarings), fixed(100 * r.share, "%.2f%%"),
          mean ? fixed(*mean, "%.3fs") : "-", std::to_string(r.totals.reassigned)};
}

}  // namespace

std::optional<double> ContributionRow::mean_prove_seconds() const {
  if (totals.proofs == 0) return std::nullopt;
  return totals.prove_seconds / static_cast<double>(totals.proofs);
}

ContributionReport make_contribution_report(const std::vector<store::HostContribution>& by_address,
                                            const config::SlotTable& table, std::uint64_t since,
                                            std::optional<std::uint64_t> head) {
  ContributionReport r;
  r.since = since;
  r.head = head;
  std::map<std::string, ContributionRow> hosts;
  for (const auto& c : by_address) {
    ContributionRow row{c.host, std::nullopt, std::nullopt, 1, c.totals, 0};
    for (const auto& slot : table.slots)
      if (slot.address.text() == c.host) {
        row.slot = slot.index;
        row.core = slot.core;
      }
    add(r.total, c.totals);
    auto& h = hosts[host_of(c.host)];
    if (h.name.empty()) {
      h.name = host_of(c.host);
      h.workers = 0;
    }
    ++h.workers;
    add(h.totals, c.totals);
    r.workers.push_back(std::move(row));
  }
  // Slot order; workers no longer in the config (removed by a reload) after them.
  std::stable_sort(r.workers.begin(), r.workers.end(), [](const ContributionRow& a, const ContributionRow& b) {
    return a.slot.value_or(SIZE_MAX) < b.slot.value_or(SIZE_MAX);
  });
  for (auto& [name, h] : hosts) r.hosts.push_back(std::move(h));
  const double all = static_cast<double>(r.total.squarings);
  for (auto* rows : {&r.workers, &r.hosts})
    for (auto& row : *rows) row.share = all > 0 ? static_cast<double>(row.totals.squarings) / all : 0;
  return r;
}

nlohmann::json to_json(const ContributionReport& r) {
  nlohmann::json workers = nlohmann::json::array(), hosts = nlohmann::json::array();
  for (const auto& w : r.workers) {
    auto j = totals_json(w);
    j["address"] = w.name;
    j["host"] = host_of(w.name);
    j["slot"] = w.slot ? nlohmann::json(*w.slot) : nlohmann::json(nullptr);
    j["core"] = w.core ? nlohmann::json(*w.core) : nlohmann::json(nullptr);
    workers.push_back(std::move(j));
  }
  for (const auto& h : r.hosts) {
    auto j = totals_json(h);
    j["host"] = h.name;
    j["workers"] = h.workers;
    hosts.push_back(std::move(j));
  }
  return {{"since", r.since},
          {"head", r.head ? nlohmann::json(*r.head) : nlohmann::json(nullptr)},
          {"total", {{"proofs", r.total.proofs}, {"squarings", r.total.squarings}}},
          {"slots", workers},
          {"hosts", hosts}};
}

std::string format_contribution_report(const ContributionReport& r) {
  std::string out = "contributions from increment " + std::to_string(r.since) + " to " +
                    (r.head ? std::to_string(*r.head) : std::string("(no rounds stored)")) + ": " +
                    std::to_string(r.total.proofs) + " proofs, " + std::to_string(r.total.squarings) + " squarings\n\n";
  std::vector<std::array<std::string, 8>> workers = {
      {"SLOT", "CORE", "ADDRESS", "PROOFS", "SQUARINGS", "SHARE", "MEAN PROVE", "REASSIGNED"}};
  for (const auto& w : r.workers) {
    auto n = numbers(w);
    workers.push_back({w.slot ? std::to_string(*w.slot) : "-", w.core ? "--core " + std::to_string(*w.core) : "-",
                       w.name, n[0], n[1], n[2], n[3], n[4]});
  }
  std::vector<std::array<std::string, 7>> hosts = {
      {"HOST", "WORKERS", "PROOFS", "SQUARINGS", "SHARE", "MEAN PROVE", "REASSIGNED"}};
  for (const auto& h : r.hosts) {
    auto n = numbers(h);
    hosts.push_back({h.name, std::to_string(h.workers), n[0], n[1], n[2], n[3], n[4]});
  }
  return out + aligned_table(workers) + "\n" + aligned_table(hosts);
}

}  // namespace proofgrid::ops
