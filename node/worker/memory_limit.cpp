#include "node/worker/memory_limit.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <system_error>

#include "node/config/units.hpp"

namespace proofgrid::worker {

std::optional<std::string> memory_limit_problem(std::uint64_t limit) {
  if (limit == 0 || limit >= kMinimumMemoryLimit) return std::nullopt;
  return "engine.dataWorkerMemoryLimit is " + config::format_byte_size(limit) +
         ", below the " + config::format_byte_size(kMinimumMemoryLimit) +
         " a data worker needs to run; set at least " + config::format_byte_size(kMinimumMemoryLimit) +
         " (or 0 for no limit)";
}

void apply_memory_limit(std::uint64_t limit) {
  if (limit == 0) return;
  rlimit lim{};
  lim.rlim_cur = lim.rlim_max = static_cast<rlim_t>(limit);
  if (::setrlimit(RLIMIT_DATA, &lim) != 0)
    throw std::system_error(errno, std::generic_category(),
                            "cannot set RLIMIT_DATA to engine.dataWorkerMemoryLimit (" +
                                config::format_byte_size(limit) + "); a hard limit set by the shell or "
                                "service manager may be lower (check ulimit -d)");
}

std::uint64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

std::optional<std::string> refuse_for_memory(std::uint64_t rss, std::uint64_t limit) {
  if (limit == 0 || rss < limit) return std::nullopt;
  return "the worker's resident memory (" + std::to_string(rss >> 20) + " MiB) has reached " +
         "engine.dataWorkerMemoryLimit (" + config::format_byte_size(limit) + ")";
}

}  // namespace proofgrid::worker
