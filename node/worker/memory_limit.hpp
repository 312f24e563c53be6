#pragma once
// engine.dataWorkerMemoryLimit, enforced in two layers (docs/cluster.md, "Memory limit"):
//  1. RLIMIT_DATA = the limit. Since Linux 4.7 it counts every private writable mapping
//     (heap, anonymous mmap, thread stacks), so an allocation past it fails with bad_alloc
//     and the job fails with a backend error instead of the machine swapping. RLIMIT_AS was
//     rejected: it also counts address space reserved but never touched (malloc arenas,
//     oneTBB), so a worker would fail far below its real use.
//  2. Before accepting a job the worker compares its resident set with the limit and refuses
//     the job (the control reassigns it) while it is above.
#include <cstdint>
#include <optional>
#include <string>

namespace proofgrid::worker {

// A worker needs about this much to run at all (code, thread stacks, a 2048-bit VDF).
inline constexpr std::uint64_t kMinimumMemoryLimit = 128ull << 20;

// nullopt when `limit` (bytes, 0 = none) can work; else what is wrong and what to set.
std::optional<std::string> memory_limit_problem(std::uint64_t limit);

// Sets RLIMIT_DATA (soft and hard) to `limit`; 0 leaves the limits alone. Throws
// std::system_error when the kernel refuses.
void apply_memory_limit(std::uint64_t limit);

// This process's resident set, from /proc/self/statm (0 where unavailable).
std::uint64_t resident_bytes();

// Whether a job may start with `rss` resident under `limit` (0 = none): nullopt to accept,
// else the reason to refuse it.
std::optional<std::string> refuse_for_memory(std::uint64_t rss, std::uint64_t limit);

}  // namespace proofgrid::worker
