#pragma once
// The control process's stderr: log lines (its own, and its local workers' forwarded lines)
// and, on a terminal, one live status line kept below them. Every write clears the status
// line, prints, and redraws it, so the two never mix; without a terminal there is no status
// line and the output is plain lines (logs, pipes, tests).
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>

namespace proofgrid::control {

class ConsoleSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  // `tty`: whether `out` is a terminal (then the status line is drawn).
  ConsoleSink(std::FILE* out, bool tty);

  // A line printed by a worker, passed through as it is.
  void raw_line(std::string_view line);
  // Replaces the status line (ignored without a terminal).
  void set_status(std::string status);
  // Removes the status line for good (at exit).
  void clear_status();
  bool tty() const { return tty_; }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;

 private:
  void write_locked(std::string_view text);  // caller holds mutex_

  std::FILE* out_;
  bool tty_;
  std::string status_;
};

struct Console {
  std::shared_ptr<ConsoleSink> sink;
  std::shared_ptr<spdlog::logger> logger;
};
// A console on stderr, status line only if stderr is a terminal. The logger is also made
// spdlog's default, so the transport's lines go through it.
Console make_console();

}  // namespace proofgrid::control
