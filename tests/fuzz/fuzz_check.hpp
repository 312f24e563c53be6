#pragma once
// A property a fuzz target checks. When it fails, the message goes to stderr and the process
// aborts, which libFuzzer reports as a crash and saves the input for.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace proofgrid::fuzz {

inline void check(bool ok, std::string_view what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz: property violated: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

}  // namespace proofgrid::fuzz
