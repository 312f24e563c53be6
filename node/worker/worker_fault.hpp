#pragma once
// Fault injection for the cluster's failure tests (like transport/fault_injection.hpp for the
// wire): PROOFGRID_WORKER_FAULT=MODE[@CORE] makes the data worker started with --core CORE
// (every worker when @CORE is left out) misbehave on purpose:
//   self-test   its backend returns corrupted proofs from the start, so the self-test fails
//   bad-proofs  the self-test passes, then every proof it returns is corrupted
//   hang        it accepts prove requests and never answers them until cancelled
// Unset, empty or naming another core: no fault. The worker logs a warning when one is on.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/backend/backend.hpp"

namespace proofgrid::worker {

enum class FaultMode { none, self_test, bad_proofs, hang };

inline constexpr const char* kFaultVariable = "PROOFGRID_WORKER_FAULT";

// Parses the variable's value for the worker with `core`. Throws std::invalid_argument
// naming the accepted forms when the text is not one of them.
FaultMode parse_fault(std::string_view text, unsigned core);
// The value of PROOFGRID_WORKER_FAULT for this process.
FaultMode fault_from_environment(unsigned core);
const char* fault_name(FaultMode mode);

// A backend whose VDF outputs have one byte flipped (everything else is forwarded).
std::unique_ptr<Backend> corrupting_backend(std::shared_ptr<Backend> inner);

}  // namespace proofgrid::worker
