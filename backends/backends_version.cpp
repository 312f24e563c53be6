// Until the backend registry lands, this unit keeps the library non-empty.
namespace proofgrid::backends {
const char* layer_name() { return "backends"; }
}  // namespace proofgrid::backends
