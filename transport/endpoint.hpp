#pragma once
// Addresses: text for log lines, loopback checks for the insecure mode, and opening a
// listening socket with errors that say what is wrong and what to do.
#include <string>

#include <utility>  // before Boost.Asio under GCC 12 in C++20
#include <boost/asio/ip/tcp.hpp>

#include "transport/peer_label.hpp"

namespace proofgrid::transport {

// "127.0.0.1:40000" or "[::1]:40000".
std::string endpoint_text(const boost::asio::ip::tcp::endpoint& ep);

// 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.y.z).
bool is_loopback(const boost::asio::ip::address& a);

// Closes, opens, binds (SO_REUSEADDR) and listens `acceptor` on `ep`: false, with `ec` saying
// why, when a step fails (the caller turns that into advice and tries the next address).
bool listen_on(boost::asio::ip::tcp::acceptor& acceptor, const boost::asio::ip::tcp::endpoint& ep,
               boost::system::error_code& ec);

// Resolves host:port (synchronously: this runs once at start) and binds and listens on the
// first address that works. Throws TransportError naming the slot, the address and advice:
// unknown host, address not on this machine, port in use, port needs privileges.
void open_listener(boost::asio::ip::tcp::acceptor& acceptor, const std::string& host,
                   const std::string& port, const PeerLabel& label, bool loopback_only);

}  // namespace proofgrid::transport
