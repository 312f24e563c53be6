#include "node/control/console.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

namespace proofgrid::control {
namespace {

constexpr std::string_view kClearLine = "\r\033[K";

}  // namespace

ConsoleSink::ConsoleSink(std::FILE* out, bool tty) : out_(out), tty_(tty) {
  set_pattern_(std::string("%Y-%m-%d %H:%M:%S.%e %l %v"));
}

void ConsoleSink::write_locked(std::string_view text) {
  if (tty_ && !status_.empty()) std::fwrite(kClearLine.data(), 1, kClearLine.size(), out_);
  std::fwrite(text.data(), 1, text.size(), out_);
  if (tty_ && !status_.empty()) std::fwrite(status_.data(), 1, status_.size(), out_);
  std::fflush(out_);
}

void ConsoleSink::sink_it_(const spdlog::details::log_msg& msg) {
  spdlog::memory_buf_t formatted;
  formatter_->format(msg, formatted);
  write_locked(std::string_view(formatted.data(), formatted.size()));
}

void ConsoleSink::flush_() { std::fflush(out_); }

void ConsoleSink::raw_line(std::string_view line) {
  std::lock_guard lock(mutex_);
  std::string text(line);
  text += '\n';
  write_locked(text);
}

void ConsoleSink::set_status(std::string status) {
  if (!tty_) return;
  // A status line wider than the terminal would wrap, and \r could not erase it.
  winsize ws{};
  if (::ioctl(::fileno(out_), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 && status.size() >= ws.ws_col)
    status.resize(ws.ws_col - 1);
  std::lock_guard lock(mutex_);
  status_ = std::move(status);
  std::fwrite(kClearLine.data(), 1, kClearLine.size(), out_);
  std::fwrite(status_.data(), 1, status_.size(), out_);
  std::fflush(out_);
}

void ConsoleSink::clear_status() {
  if (!tty_) return;
  std::lock_guard lock(mutex_);
  if (status_.empty()) return;
  status_.clear();
  std::fwrite(kClearLine.data(), 1, kClearLine.size(), out_);
  std::fflush(out_);
}

Console make_console() {
  auto sink = std::make_shared<ConsoleSink>(stderr, ::isatty(STDERR_FILENO) == 1);
  auto logger = std::make_shared<spdlog::logger>("control", sink);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  return Console{sink, logger};
}

}  // namespace proofgrid::control
