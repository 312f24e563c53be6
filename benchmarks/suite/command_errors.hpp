#pragma once
// How the bench commands end on an error: one line on stderr naming the command, exit code 1
// (CLI11's RuntimeError), never a terminate() or a stack of nested messages.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

namespace proofgrid::bench {

template <class Fn>
void run_reporting_errors(const char* command, Fn&& fn) {
  try {
    fn();
  } catch (const std::exception& e) {
    std::cerr << command << ": " << e.what() << "\n";
    throw CLI::RuntimeError(1);
  }
}

}  // namespace proofgrid::bench
