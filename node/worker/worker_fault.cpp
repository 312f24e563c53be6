#include "node/worker/worker_fault.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace proofgrid::worker {
namespace {

class CorruptingBackend final : public Backend {
 public:
  explicit CorruptingBackend(std::shared_ptr<Backend> inner) : inner_(std::move(inner)) {}
  std::string name() const override { return inner_->name(); }
  std::string device() const override { return inner_->device(); }
  std::vector<vdf::Output> vdf_solve_batch(std::span<const VdfJob> jobs, const CancelToken* cancel) override {
    auto outputs = inner_->vdf_solve_batch(jobs, cancel);
    for (auto& out : outputs) out[100] ^= 0x01;  // inside y: the proof cannot verify
    return outputs;
  }
  const kzg::Kernels& kzg_kernels() const override { return inner_->kzg_kernels(); }

 private:
  std::shared_ptr<Backend> inner_;
};

}  // namespace

FaultMode parse_fault(std::string_view text, unsigned core) {
  if (text.empty()) return FaultMode::none;
  std::string_view mode = text;
  if (auto at = text.find('@'); at != std::string_view::npos) {
    mode = text.substr(0, at);
    std::string_view digits = text.substr(at + 1);
    unsigned target = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), target);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
      throw std::invalid_argument(std::string(kFaultVariable) + "=\"" + std::string(text) +
                                  "\": after @ comes the --core number of the worker to affect");
    if (target != core) return FaultMode::none;
  }
  for (FaultMode m : {FaultMode::self_test, FaultMode::bad_proofs, FaultMode::hang})
    if (mode == fault_name(m)) return m;
  throw std::invalid_argument(std::string(kFaultVariable) + "=\"" + std::string(text) +
                              "\" is not a fault: use self-test, bad-proofs or hang, optionally "
                              "followed by @CORE (unset it for a normal worker)");
}

FaultMode fault_from_environment(unsigned core) {
  const char* value = std::getenv(kFaultVariable);
  return parse_fault(value ? value : "", core);
}

const char* fault_name(FaultMode mode) {
  switch (mode) {
    case FaultMode::none: return "none";
    case FaultMode::self_test: return "self-test";
    case FaultMode::bad_proofs: return "bad-proofs";
    case FaultMode::hang: return "hang";
  }
  return "none";
}

std::unique_ptr<Backend> corrupting_backend(std::shared_ptr<Backend> inner) {
  return std::make_unique<CorruptingBackend>(std::move(inner));
}

}  // namespace proofgrid::worker
