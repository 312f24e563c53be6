#pragma once
// What the metrics and admin servers share: an io_context on a thread of its own, an accept
// loop with a cap on open connections, and a stop() that ends every connection still open.
// Internal to node/ops. A connection type provides start() and close().
#include <functional>
#include <memory>
#include <thread>
#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <vector>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>

namespace proofgrid::ops {

class ServerThread {
 public:
  boost::asio::io_context& io() { return io_; }
  bool running() const { return thread_.joinable(); }
  void run() {
    thread_ = std::thread([this] { io_.run(); });
  }

  // Accepts until the acceptor closes. `make(socket)` returns the connection (a shared_ptr);
  // beyond `limit` open connections a new one is closed at once.
  template <class Acceptor, class Make>
  void accept(Acceptor& acceptor, std::size_t limit, Make make) {
    acceptor.async_accept([this, &acceptor, limit, make](const boost::system::error_code& ec, auto socket) {
      if (ec == boost::asio::error::operation_aborted || !acceptor.is_open()) return;
      std::erase_if(live_, [](const Entry& e) { return e.alive.expired(); });
      if (!ec && live_.size() < limit) {
        auto connection = make(std::move(socket));
        live_.push_back({connection, [w = std::weak_ptr(connection)] {
                           if (auto c = w.lock()) c->close();
                         }});
        connection->start();
      }
      accept(acceptor, limit, make);
    });
  }

  // Stops the thread, then (nothing else running now) calls `close_listener`, closes every
  // open connection and lets their aborted handlers finish, which frees them.
  void stop(const std::function<void()>& close_listener) {
    if (!running()) return;
    io_.stop();
    thread_.join();
    close_listener();
    for (auto& e : live_) e.close();
    live_.clear();
    io_.restart();
    io_.poll();
  }

 private:
  struct Entry {
    std::weak_ptr<void> alive;
    std::function<void()> close;
  };
  std::vector<Entry> live_;
  boost::asio::io_context io_;
  std::thread thread_;
};

}  // namespace proofgrid::ops
