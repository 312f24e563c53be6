#pragma once
// A one-line progress bar on stderr while `proofgrid bench` runs, drawn only when stderr is a
// terminal (pipes and CI logs stay clean). Steps carry weights: their expected share of the run.
#include <cstdio>
#include <string>

namespace proofgrid::bench {

class Progress {
 public:
  // `enabled`: draw at all (the caller passes isatty(stderr)).
  Progress(double total_weight, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Once the work is known (the suite learns its backends after starting).
  void set_total(double total_weight);
  // Names what runs now (shown beside the bar).
  void begin(const std::string& what);
  // Adds `weight` to the completed part.
  void advance(double weight);
  // Clears the line.
  void finish();

 private:
  void draw();
  double total_, done_ = 0;
  bool enabled_;
  std::string what_;
};

}  // namespace proofgrid::bench
