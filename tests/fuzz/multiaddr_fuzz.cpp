// libFuzzer target: multiaddr text as operators write it (config.yml lists, templates, flags).
// Properties: parse either accepts or throws MultiaddrError with a reason, and try_parse agrees;
// an accepted address keeps its text, and its canonical spelling parses back to the same
// endpoint and the same canonical spelling, through make() too, with the same loopback verdict.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "node/config/multiaddr.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace proofgrid::config;
using proofgrid::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<Multiaddr> parsed;
  std::string reason;
  try {
    parsed = Multiaddr::parse(text);
  } catch (const MultiaddrError& e) {
    reason = e.reason();
    check(!reason.empty(), "a multiaddr was refused without a reason");
  }
  std::string try_reason;
  const std::optional<Multiaddr> tried = Multiaddr::try_parse(text, &try_reason);
  check(tried.has_value() == parsed.has_value() && try_reason == reason,
        "try_parse and parse disagree");
  if (!parsed) return 0;

  const Multiaddr& m = *parsed;
  check(m.text() == text, "the parsed text is not the input");
  check(m.port() != 0 && !m.host().empty(), "an accepted address without host or port");
  const std::string canonical = m.canonical();
  const Multiaddr again = Multiaddr::parse(canonical);
  check(again == m && again.canonical() == canonical, "the canonical spelling does not round-trip");
  check(again.is_loopback() == m.is_loopback(), "the loopback verdict depends on the spelling");
  const Multiaddr made = Multiaddr::make(m.protocol(), m.host(), m.port());
  check(made == m && made.canonical() == canonical, "make() does not rebuild the address");
  return 0;
}
