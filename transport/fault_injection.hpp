#pragma once
// The seam for in-program fault injection (tc netem is not available everywhere): every frame
// a connection is about to send is first shown to the injector, which may let it pass, drop
// it, hold the send queue back for a while (latency), corrupt bytes, or cut the connection.
// Injected on the sending side, so a test covers both directions by giving one to each end.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

#include "engine/common/bytes.hpp"
#include "transport/frame.hpp"
#include "transport/messages.hpp"

namespace proofgrid::transport {

struct FaultDecision {
  enum class Action {
    pass,        // send as is
    drop,        // never send it (the peer never sees it)
    delay,       // hold this and every later frame back by `delay` (order is kept)
    corrupt,     // the injector changed bytes of the frame; send what it left
    disconnect,  // close the socket at once, without a Close frame (a cut cable)
  };
  Action action = Action::pass;
  std::chrono::milliseconds delay{0};
};

class FaultInjector {
 public:
  virtual ~FaultInjector() = default;
  // Called on the connection's strand for each outgoing frame (header included).
  virtual FaultDecision on_send(Role sender, MessageType type, Bytes& frame) = 0;
};

// Faults at fixed rates from a seeded generator, so a failing run can be repeated.
// Hello and Close can be spared so that a test exercises the session, not only the setup.
class RandomFaults : public FaultInjector {
 public:
  struct Rates {
    double drop = 0.0;
    double delay = 0.0;
    double corrupt = 0.0;
    double disconnect = 0.0;
    std::chrono::milliseconds delay_min{10};
    std::chrono::milliseconds delay_max{200};
    bool spare_hello_and_close = true;
    std::optional<MessageType> only;  // when set, only frames of this type are touched
  };
  struct Counts {
    std::uint64_t seen = 0, dropped = 0, delayed = 0, corrupted = 0, disconnected = 0;
  };

  RandomFaults(Rates rates, std::uint64_t seed);
  FaultDecision on_send(Role sender, MessageType type, Bytes& frame) override;
  Counts counts() const;
  // Lets a test stop injecting (for example to check that the link recovers).
  void set_enabled(bool on);

 private:
  mutable std::mutex mutex_;
  Rates rates_;
  std::mt19937_64 rng_;
  Counts counts_;
  bool enabled_ = true;
};

}  // namespace proofgrid::transport
