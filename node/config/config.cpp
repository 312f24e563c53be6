#include "node/config/config.hpp"

#include <cstdlib>
#include <thread>

#include "node/build_info.hpp"

namespace proofgrid::config {

std::string_view to_string(BackendChoice backend) {
  switch (backend) {
    case BackendChoice::automatic: return "auto";
    case BackendChoice::cpu: return "cpu";
    case BackendChoice::simd: return "simd";
    case BackendChoice::opencl: return "opencl";
  }
  return "?";
}

std::optional<BackendChoice> parse_backend(std::string_view name) {
  for (auto b : {BackendChoice::automatic, BackendChoice::cpu, BackendChoice::simd, BackendChoice::opencl})
    if (to_string(b) == name) return b;
  return std::nullopt;
}

Multiaddr EngineConfig::base_listen_address(std::size_t slot) const {
  const std::string& tmpl = data_worker_base_listen_multiaddr.value;
  std::size_t port = data_worker_base_listen_port.value + slot;
  std::string text = tmpl;
  if (auto at = text.find("%d"); at != std::string::npos) text.replace(at, 2, std::to_string(port));
  if (port > 65535)
    throw MultiaddrError(text, "port " + std::to_string(port) + " is past 65535");
  return Multiaddr::parse(text);
}

Duration EngineConfig::prove_timeout_for(std::uint64_t round_difficulty) const {
  if (prove_timeout.value) return *prove_timeout.value;
  return std::chrono::seconds(60) + Duration(static_cast<Duration::rep>(round_difficulty));
}

unsigned default_worker_count(unsigned hardware_threads) {
  return hardware_threads > 1 ? hardware_threads - 1 : 1;
}

Environment this_machine() {
  // The same override the tests use, so an installed binary can find a moved shared/.
  const char* shared = std::getenv("PROOFGRID_SHARED_DIR");
  return Environment{std::thread::hardware_concurrency(),
                     shared && *shared ? shared : build_info::kSharedDir};
}

}  // namespace proofgrid::config
