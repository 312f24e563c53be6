// Keeps the transport library non-empty until the protocol code lands.
namespace proofgrid::transport {
const char* layer_name() { return "transport"; }
}  // namespace proofgrid::transport
