#pragma once
// Errors an operator can meet when starting the transport (bad key, address not on this
// machine, port in use): the message says what is wrong and what to do.
#include <stdexcept>

namespace proofgrid::transport {

class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace proofgrid::transport
